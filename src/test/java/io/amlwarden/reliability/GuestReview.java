package io.amlwarden.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review the access-review reliability tests apply: one named reviewer over a
 * subscription, every guest assignment denied, then closed. Shared so that the crash,
 * replica and fault-soak tests apply the same review and differ only in what they do to
 * the application.
 */
public final class GuestReview {

	public static final String BASE = "/api/v1/access-reviews";

	private GuestReview() {
	}

	/**
	 * Creates a definition (named reviewer, no default decision, removals up to 100%) and
	 * opens an instance of it; returns the answer to the opening (checked 201).
	 */
	public static Response open(Http http, String adminToken, String name, String subscription, String reviewer) {
		Response definition = http.post(BASE + "/definitions", "application/json", """
				{"name": "%s", "scope": {"subscriptionIds": ["%s"]},
				 "reviewers": {"mode": "NAMED", "principalIds": ["%s"]},
				 "duration": "P14D", "defaultDecision": "NONE", "autoApply": false,
				 "justificationRequired": true, "maxRemovalShare": 1.0}
				""".formatted(name, subscription, reviewer), Http.bearer(adminToken));
		assertThat(definition.status()).as(definition.body()).isEqualTo(201);
		Response opened = http.post(BASE + "/definitions/" + definition.json().get("id").asString() + "/instances",
				"application/json", "", Http.bearer(adminToken));
		assertThat(opened.status()).as(opened.body()).isEqualTo(201);
		return opened;
	}

	/**
	 * Denies the item of each assignment (through {@code reviewers}, as the reviewer),
	 * then closes the review (through {@code admins}); every answer is checked.
	 */
	public static void denyAllAndClose(Http admins, String adminToken, Http reviewers, String reviewerToken,
			String reviewId, List<String> assignments) {
		Map<String, String> items = new HashMap<>();
		admins.get(BASE + "/instances/" + reviewId + "/items?size=200", Http.bearer(adminToken))
			.json()
			.get("items")
			.forEach((item) -> items.put(item.get("assignmentId").asString().toLowerCase(Locale.ROOT),
					item.get("id").asString()));
		for (String assignment : assignments) {
			String item = items.get(assignment.toLowerCase(Locale.ROOT));
			assertThat(item).as("item for %s", assignment).isNotNull();
			Response decided = reviewers.send("PUT", BASE + "/instances/" + reviewId + "/items/" + item + "/decision",
					"application/json", "{\"decision\": \"DENY\", \"justification\": \"guest, not needed\"}",
					Http.bearer(reviewerToken));
			assertThat(decided.status()).as(decided.body()).isEqualTo(200);
		}
		assertThat(
				admins.post(BASE + "/instances/" + reviewId + "/close", "application/json", "", Http.bearer(adminToken))
					.status())
			.isEqualTo(200);
	}

}
