package io.amlwarden.overview;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.amlwarden.simulator.DemoTenant;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview against the list endpoints it summarises, on the demo tenant after scans
 * of every subscription (one of them twice) and a suppression request: every number
 * equals the corresponding list's count. Also the scan pipeline's history: both scans are
 * points of the subscription's workspaces and today's trend bucket shows the later one.
 */
@WardenIntegrationTest
class OverviewConsistencyTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	Http http;

	String reader;

	String operator;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.reader = this.issuer.token("reader-" + UUID.randomUUID(), "Warden.Reader");
		this.operator = this.issuer.token("operator-" + UUID.randomUUID(), "Warden.Operator");
	}

	@Test
	void everyOverviewNumberEqualsTheCountOfItsListAndScansLeaveHistory() {
		String prod = DemoTenant.SUBSCRIPTIONS.get(0);
		String first = scanAndWait(prod);
		String second = scanAndWait(prod);
		for (String subscription : DemoTenant.SUBSCRIPTIONS.subList(1, DemoTenant.SUBSCRIPTIONS.size())) {
			scanAndWait(subscription);
		}
		JsonNode finding = get("/api/v1/findings?state=OPEN&size=1").at("/items/0");
		Response suppression = this.http.post("/api/v1/suppressions", "application/json", """
				{"type":"RISK_ACCEPTED","justification":"Accepted while the platform team migrates it",
				 "expiresAt":"%s","findingId":"%s"}""".formatted(Instant.now().plus(30, ChronoUnit.DAYS),
				finding.get("id").asString()), Http.bearer(this.operator));
		assertThat(suppression.status()).as(suppression.body()).isEqualTo(201);

		JsonNode overview = get("/api/v1/overview");
		assertThat(overview.get("subscription").isNull()).isTrue();
		JsonNode findings = overview.get("findings");
		assertThat(findings.get("open").asLong()).isPositive().isEqualTo(total("/api/v1/findings?state=OPEN"));
		long sum = 0;
		for (JsonNode entry : findings.get("bySeverity")) {
			sum += entry.get("count").asLong();
			assertThat(entry.get("count").asLong()).as(entry.toString())
				.isEqualTo(total("/api/v1/findings?state=OPEN&severity=" + entry.get("severity").asString()));
		}
		assertThat(sum).isEqualTo(findings.get("open").asLong());
		for (JsonNode entry : findings.get("byCategory")) {
			assertThat(entry.get("count").asLong()).as(entry.toString())
				.isEqualTo(total("/api/v1/findings?state=OPEN&category=" + entry.get("category").asString()));
		}
		for (JsonNode entry : findings.get("bySubscription")) {
			assertThat(entry.get("count").asLong()).as(entry.toString())
				.isEqualTo(total("/api/v1/findings?state=OPEN&subscription=" + entry.get("subscriptionId").asString()));
		}

		JsonNode workspaces = overview.get("workspaces");
		assertThat(workspaces.get("total").asLong()).isPositive().isEqualTo(total("/api/v1/workspaces"));
		List<Integer> scores = new ArrayList<>();
		JsonNode all = get("/api/v1/workspaces?size=200");
		all.get("items").forEach((item) -> scores.add(item.at("/posture/score").asInt()));
		assertThat(workspaces.at("/scoreBands/0/count").asLong())
			.isEqualTo(scores.stream().filter((s) -> s < 50).count());
		assertThat(workspaces.at("/scoreBands/1/count").asLong())
			.isEqualTo(scores.stream().filter((s) -> s >= 50 && s < 80).count());
		assertThat(workspaces.at("/scoreBands/2/count").asLong())
			.isEqualTo(scores.stream().filter((s) -> s >= 80).count());
		JsonNode lowest = workspaces.get("lowest");
		assertThat(lowest).hasSize((int) Math.min(10, scores.size()));
		for (int i = 0; i < lowest.size(); i++) {
			assertThat(lowest.get(i).get("workspaceId").asString())
				.isEqualTo(all.at("/items/" + i + "/posture/id").asString());
			assertThat(lowest.get(i).get("score").asInt()).isEqualTo(scores.get(i));
		}

		// Keys: the same keys as the keys page (workspace and storage CMKs alike).
		JsonNode keys = overview.get("keys");
		JsonNode keyPage = get("/api/v1/keys?size=200");
		assertThat(keys.get("total").asLong()).isPositive().isEqualTo(keyPage.get("totalItems").asLong());
		assertThat(keyPage.get("items")).hasSize(keyPage.get("totalItems").asInt());
		Instant now = Instant.now();
		for (int days : List.of(7, 30, 90)) {
			Instant limit = now.plus(Duration.ofDays(days));
			long expected = count(keyPage.get("items"),
					(key) -> !key.path("expiresAt").isNull() && !key.path("expiresAt").isMissingNode()
							&& !Instant.parse(key.get("expiresAt").asString()).isAfter(limit));
			assertThat(keys.get("expiringWithin" + days + "Days").asLong()).as(days + " days").isEqualTo(expected);
		}
		assertThat(keys.get("overdueForRotation").asLong()).isEqualTo(count(keyPage.get("items"),
				(key) -> !key.path("nextDueAt").isNull() && !key.path("nextDueAt").isMissingNode()
						&& Instant.parse(key.get("nextDueAt").asString()).isBefore(now)));

		JsonNode waiting = overview.get("waiting");
		assertThat(waiting.get("suppressionsAwaitingApproval").asLong()).isPositive()
			.isEqualTo(total("/api/v1/suppressions?status=PENDING"));
		assertThat(waiting.get("rotationsAwaitingApproval").asLong())
			.isEqualTo(total("/api/v1/rotations?state=PLANNED"));
		long undecided = 0;
		long closing = 0;
		for (JsonNode review : get("/api/v1/access-reviews/instances?status=OPEN&size=200").get("items")) {
			undecided += total(
					"/api/v1/access-reviews/instances/" + review.get("id").asString() + "/items?decision=NONE");
			if (!Instant.parse(review.get("dueAt").asString()).isAfter(now.plus(Duration.ofDays(2)))) {
				closing++;
			}
		}
		assertThat(waiting.get("reviewItemsUndecided").asLong()).isEqualTo(undecided);
		assertThat(waiting.get("reviewsClosingWithin2Days").asLong()).isEqualTo(closing);

		assertThat(overview.get("scans")).isNotEmpty();
		for (JsonNode entry : overview.get("scans")) {
			String subscription = entry.get("subscriptionId").asString();
			JsonNode succeeded = get("/api/v1/scans?state=SUCCEEDED&size=1&subscription=" + subscription);
			if (entry.get("lastSucceeded").isNull()) {
				assertThat(succeeded.get("totalItems").asLong()).isZero();
			}
			else {
				assertThat(entry.at("/lastSucceeded/ageSeconds").asLong()).isNotNegative();
				assertThat(entry.at("/lastSucceeded/finishedAt").asString())
					.isEqualTo(succeeded.at("/items/0/finishedAt").asString());
			}
			JsonNode failed = get("/api/v1/scans?state=FAILED&size=1&subscription=" + subscription);
			assertThat(entry.get("lastFailed").isNull()).isEqualTo(failed.get("totalItems").asLong() == 0);
		}
		assertThat(overview.at("/rotations/windowDays").asInt()).isEqualTo(30);
		String since = now.minus(Duration.ofDays(30)).plusSeconds(60).toString();
		for (JsonNode entry : overview.at("/rotations/byOutcome")) {
			assertThat(entry.get("count").asLong()).as(entry.toString())
				.isEqualTo(total("/api/v1/rotations?state=" + entry.get("outcome").asString() + "&from=" + since));
		}

		JsonNode narrowed = get("/api/v1/overview?subscription=" + prod.toUpperCase());
		assertThat(narrowed.get("subscription").asString()).isEqualTo(prod);
		assertThat(narrowed.at("/findings/open").asLong())
			.isEqualTo(total("/api/v1/findings?state=OPEN&subscription=" + prod));
		assertThat(narrowed.at("/workspaces/total").asLong())
			.isEqualTo(total("/api/v1/workspaces?subscription=" + prod));
		assertThat(narrowed.at("/keys/total").asLong()).as("keys of one subscription")
			.isEqualTo(total("/api/v1/keys?subscription=" + prod));
		assertThat(narrowed.get("scans")).hasSize(1);

		String workspace = get("/api/v1/workspaces?size=1&subscription=" + prod).at("/items/0/posture/id").asString();
		List<String> points = new ArrayList<>();
		get("/api/v1/workspaces/" + workspace + "/history").get("points")
			.forEach((p) -> points.add(p.get("scanId").asString()));
		assertThat(points).contains(first, second);
		JsonNode series = get("/api/v1/posture/trend?subscription=" + prod).at("/series/0/points");
		JsonNode today = series.get(series.size() - 1);
		assertThat(today.get("gap").asBoolean()).isFalse();
		assertThat(today.get("scanId").asString()).isEqualTo(second);
		assertThat(today.get("workspaces").asInt()).isEqualTo(narrowed.at("/workspaces/total").asInt());
	}

	@Test
	void overviewAndSingleResourcesCarryStrongETagsAndAnswer304() {
		Response overview = this.http.get("/api/v1/overview", Http.bearer(this.reader));
		String tag = overview.header("ETag");
		assertThat(tag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
		Response again = this.http.get("/api/v1/overview", Http.bearer(this.reader, "If-None-Match", tag));
		assertThat(again.status()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(again.header("ETag")).isEqualTo(tag);
		assertThat(this.http.get("/api/v1/overview", Http.bearer(this.reader, "If-None-Match", "W/" + tag)).status())
			.isEqualTo(304);
		assertThat(this.http.get("/api/v1/overview", Http.bearer(this.reader, "If-None-Match", "\"other\"")).status())
			.isEqualTo(200);

		String scan = scanAndWait(DemoTenant.SUBSCRIPTIONS.get(1));
		Response read = this.http.get("/api/v1/scans/" + scan, Http.bearer(this.reader));
		String scanTag = read.header("ETag");
		assertThat(scanTag).isNotBlank();
		assertThat(this.http.get("/api/v1/scans/" + scan, Http.bearer(this.reader, "If-None-Match", scanTag)).status())
			.isEqualTo(304);
		// A new scan changed the counts: the overview's tag moved with them.
		assertThat(this.http.get("/api/v1/overview", Http.bearer(this.reader, "If-None-Match", tag)).status())
			.isEqualTo(200);
	}

	@Test
	void findingsTrendCountsOpenedAndResolvedPerBucketAndEndsAtTheCurrentOpenCount() {
		scanAndWait(DemoTenant.SUBSCRIPTIONS.get(2));
		JsonNode trend = get("/api/v1/findings/trend?bucket=day");
		assertThat(trend.get("bucket").asString()).isEqualTo("DAY");
		JsonNode points = trend.get("points");
		assertThat(points.size()).isBetween(30, 31);
		JsonNode today = points.get(points.size() - 1);
		assertThat(today.get("open").asLong()).isEqualTo(total("/api/v1/findings?state=OPEN"));
		long opened = 0;
		for (JsonNode point : points) {
			opened += point.get("opened").asLong();
			assertThat(point.get("open").asLong()).isNotNegative();
		}
		assertThat(opened).isPositive();
		JsonNode weeks = get("/api/v1/findings/trend?bucket=week&subscription=" + DemoTenant.SUBSCRIPTIONS.get(2));
		JsonNode lastWeek = weeks.at("/points/" + (weeks.get("points").size() - 1));
		assertThat(lastWeek.get("open").asLong())
			.isEqualTo(total("/api/v1/findings?state=OPEN&subscription=" + DemoTenant.SUBSCRIPTIONS.get(2)));
		for (String bad : List.of("bucket=hour", "from=2020-01-01T00:00:00Z", "to=nope")) {
			Response response = this.http.get("/api/v1/findings/trend?" + bad, Http.bearer(this.reader));
			assertThat(response.status()).as(bad).isEqualTo(400);
			assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
		}
		Response badScans = this.http.get("/api/v1/scans?state=DONE", Http.bearer(this.reader));
		assertThat(badScans.status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/scans?trigger=CRON", Http.bearer(this.reader)).status()).isEqualTo(400);
		assertThat(this.http
			.get("/api/v1/scans?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", Http.bearer(this.reader))
			.status()).isEqualTo(400);
		assertThat(total("/api/v1/scans?trigger=API&state=SUCCEEDED&subscription=" + DemoTenant.SUBSCRIPTIONS.get(2)))
			.isPositive();
		assertThat(total("/api/v1/scans?trigger=RETRY&subscription=" + DemoTenant.SUBSCRIPTIONS.get(2))).isZero();
	}

	private String scanAndWait(String subscription) {
		Response accepted = this.http.post("/api/v1/scans", "application/json",
				"{\"subscriptions\":[\"" + subscription + "\"]}", Http.bearer(this.operator));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
			String state = get("/api/v1/scans/" + id).get("state").asString();
			return !state.equals("QUEUED") && !state.equals("RUNNING");
		});
		assertThat(get("/api/v1/scans/" + id).get("state").asString()).isEqualTo("SUCCEEDED");
		return id;
	}

	private long total(String path) {
		return get(path).get("totalItems").asLong();
	}

	private JsonNode get(String path) {
		Response response = this.http.get(path, Http.bearer(this.reader));
		assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
		return response.json();
	}

	private static long count(JsonNode items, java.util.function.Predicate<JsonNode> test) {
		long n = 0;
		for (JsonNode item : items) {
			n += test.test(item) ? 1 : 0;
		}
		return n;
	}

}
