package io.amlwarden.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance scenarios of access reviews against the Azure simulator, through the
 * real SDK clients and the HTTP API: every signal fires on its fixture case and nothing
 * fires on the clean workspace; orphaned and soft-deleted principals are told apart; a
 * full campaign from definition to re-grant, with the safety rails. Ordered, because the
 * campaign changes the simulated tenant.
 */
@WardenIntegrationTest
@Import(AccessSimulatorConfiguration.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessReviewIntegrationTests {

	private static final String BASE = "/api/v1/access-reviews";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		AccessSimulatorConfiguration.properties(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Autowired
	SignalScanService scanner;

	@Autowired
	AccessReviewJobs jobs;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	Http http;

	AzureSimulator simulator;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.simulator = AccessFixture.simulator();
	}

	@Test
	@Order(1)
	void everySignalFiresOnItsFixtureCaseAndNothingFiresOnTheCleanWorkspace() {
		SignalScanService.Result result = this.scanner
			.scan(InventoryScope.subscriptions(List.of(AccessFixture.SUB, AccessFixture.CLEAN_SUB)));
		Map<String, AssignmentAssessment> byId = result.assessments()
			.stream()
			.collect(Collectors.toMap((a) -> a.assignment().id().toLowerCase(), (a) -> a));

		assertThat(result.collected().complete()).as(result.collected().coverageNote()).isTrue();
		assertThat(signals(byId, AccessFixture.OWNER_AT_SUBSCRIPTION))
			.containsExactlyInAnyOrder(Signal.ADMIN_AT_BROAD_SCOPE, Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, AccessFixture.UAA_AT_MANAGEMENT_GROUP))
			.containsExactlyInAnyOrder(Signal.ADMIN_AT_BROAD_SCOPE, Signal.MISSING_ABAC_CONDITION);
		assertThat(signals(byId, AccessFixture.CONTRIBUTOR_GROUP_AT_SUBSCRIPTION))
			.containsExactly(Signal.CONTRIBUTOR_AT_SUBSCRIPTION);
		assertThat(signals(byId, AccessFixture.CUSTOM_WILDCARD)).containsExactly(Signal.CUSTOM_ROLE_WILDCARD);
		assertThat(signals(byId, AccessFixture.GUEST_CONTRIBUTOR))
			.containsExactlyInAnyOrder(Signal.GUEST_WITH_WRITE_ROLE, Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, AccessFixture.SP_CONTRIBUTOR_AT_SUBSCRIPTION))
			.containsExactlyInAnyOrder(Signal.CONTRIBUTOR_AT_SUBSCRIPTION, Signal.WORKLOAD_PRIVILEGED_AT_SUBSCRIPTION);
		assertThat(signals(byId, AccessFixture.ORPHANED)).containsExactlyInAnyOrder(Signal.ORPHANED_ASSIGNMENT,
				Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, AccessFixture.SOFT_DELETED)).containsExactlyInAnyOrder(Signal.SOFT_DELETED_PRINCIPAL,
				Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, AccessFixture.DATA_SCIENTIST))
			.containsExactlyInAnyOrder(Signal.DATA_PLANE_ROLE_TO_USER, Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, AccessFixture.COMPUTE_OPERATOR_USER))
			.containsExactlyInAnyOrder(Signal.DATA_PLANE_ROLE_TO_USER, Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, AccessFixture.CRYPTO_OFFICER))
			.containsExactlyInAnyOrder(Signal.DATA_PLANE_ROLE_TO_USER, Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, AccessFixture.RBAC_ADMIN_NO_CONDITION)).containsExactly(Signal.MISSING_ABAC_CONDITION);
		assertThat(byId.get(AccessFixture.BREAK_GLASS_OWNER.toLowerCase()).recommendation())
			.isEqualTo(Recommendation.KEEP);
		assertThat(byId.get(AccessFixture.BREAK_GLASS_OWNER.toLowerCase()).breakGlass()).isTrue();

		// orphaned and soft-deleted told apart
		assertThat(byId.get(AccessFixture.ORPHANED.toLowerCase()).principalState()).isEqualTo(PrincipalState.ORPHANED);
		assertThat(byId.get(AccessFixture.ORPHANED.toLowerCase()).recommendation()).isEqualTo(Recommendation.REMOVE);
		assertThat(byId.get(AccessFixture.SOFT_DELETED.toLowerCase()).principalState())
			.isEqualTo(PrincipalState.SOFT_DELETED);
		assertThat(byId.get(AccessFixture.SOFT_DELETED.toLowerCase()).recommendation()).isEqualTo(Recommendation.KEEP);

		// The clean workspace: its assignments are evaluated and raise nothing.
		List<AssignmentAssessment> clean = result.assessments()
			.stream()
			.filter((a) -> a.workspaceIds().contains(AccessFixture.CLEAN_WORKSPACE))
			.toList();
		assertThat(clean).hasSize(3);
		assertThat(clean).allSatisfy((a) -> assertThat(a.signals()).isEmpty());

		// Signals became findings, one per assignment.
		String reader = this.issuer.token("access-reader", "Warden.Reader");
		JsonNode orphans = this.http
			.get("/api/v1/findings?check=rbac-orphaned-assignment&subscription=" + AccessFixture.SUB,
					Http.bearer(reader))
			.json();
		assertThat(orphans.get("totalItems").asInt()).isEqualTo(1);
		assertThat(this.http
			.get("/api/v1/findings?subscription=" + AccessFixture.CLEAN_SUB + "&state=OPEN", Http.bearer(reader))
			.json()
			.get("totalItems")
			.asInt()).isZero();

		// The same through the API, for an operator.
		Response scan = this.http.post(BASE + "/signal-scans", "application/json",
				"{\"scope\":{\"subscriptionIds\":[\"" + AccessFixture.CLEAN_SUB + "\"]}}",
				Http.bearer(this.issuer.token("access-operator", "Warden.Operator")));
		assertThat(scan.status()).isEqualTo(200);
		assertThat(scan.json().get("assignments").asInt()).isEqualTo(3);
		assertThat(scan.json().get("signals").size()).isZero();
	}

	@Test
	@Order(2)
	void fullCampaignFromDefinitionToRegrant() {
		String admin = this.issuer.token("access-admin", "Warden.Admin");
		String reviewer = this.issuer.token(AccessFixture.REVIEWER, "Warden.Reviewer");
		String second = this.issuer.token(AccessFixture.SECOND_REVIEWER, "Warden.Reviewer");
		String outsider = this.issuer.token("not-a-named-reviewer", "Warden.Reviewer");
		String secondAdmin = this.issuer.token("access-second-admin", "Warden.Admin");

		// 15 items (14 risky assignments + the workspace identity on its vault); a share
		// of 0.2 lets one run remove 3.
		Response definition = this.http.post(BASE + "/definitions", "application/json", """
				{"name": "Quarterly ws-risky review", "scope": {"subscriptionIds": ["%s"]},
				 "reviewers": {"mode": "NAMED", "principalIds": ["%s", "%s"]},
				 "duration": "P14D", "defaultDecision": "NONE", "autoApply": false,
				 "justificationRequired": true, "maxRemovalShare": 0.2}
				""".formatted(AccessFixture.SUB, AccessFixture.REVIEWER, AccessFixture.SECOND_REVIEWER),
				Http.bearer(admin));
		assertThat(definition.status()).as(definition.body()).isEqualTo(201);
		String definitionId = definition.json().get("id").asString();
		assertThat(this.http.post(BASE + "/definitions", "application/json", "{\"name\": \"x\"}", Http.bearer(admin))
			.status()).isEqualTo(400);
		assertThat(this.http
			.post(BASE + "/definitions/" + definitionId + "/instances", "application/json", "", Http.bearer(reviewer))
			.status()).isEqualTo(403);

		Response opened = this.http.post(BASE + "/definitions/" + definitionId + "/instances", "application/json", "",
				Http.bearer(admin));
		assertThat(opened.status()).as(opened.body()).isEqualTo(201);
		String reviewId = opened.json().get("id").asString();
		assertThat(opened.json().get("itemCount").asInt()).isEqualTo(15);
		assertThat(opened.json().get("partial").asBoolean()).isFalse();
		Map<String, String> items = itemIds(reviewId, admin);
		assertThat(items).containsKeys(AccessFixture.ORPHANED.toLowerCase(), AccessFixture.REVIEWERS_OWN.toLowerCase());

		// filters
		assertThat(this.http
			.get(BASE + "/instances/" + reviewId + "/items?signal=rbac-orphaned-assignment", Http.bearer(admin))
			.json()
			.get("totalItems")
			.asInt()).isEqualTo(1);
		assertThat(this.http
			.get(BASE + "/instances/" + reviewId + "/items?principalType=Group&recommendation=REDUCE_SCOPE",
					Http.bearer(admin))
			.json()
			.get("totalItems")
			.asInt()).isEqualTo(3);
		assertThat(this.http.get(BASE + "/instances/" + reviewId + "/items?signal=bogus", Http.bearer(admin)).status())
			.isEqualTo(400);

		// Nobody decides on their own assignment; only named reviewers decide; a
		// justification is required.
		Response own = decide(reviewId, items.get(AccessFixture.REVIEWERS_OWN.toLowerCase()), "DENY", "mine", reviewer);
		assertThat(own.status()).isEqualTo(403);
		assertThat(own.contentType()).startsWith("application/problem+json");
		assertThat(own.json().get("type").asString()).isEqualTo("urn:aml-warden:problem:forbidden");
		assertThat(decide(reviewId, items.get(AccessFixture.ORPHANED.toLowerCase()), "DENY", "gone", outsider).status())
			.isEqualTo(403);
		assertThat(decide(reviewId, items.get(AccessFixture.ORPHANED.toLowerCase()), "DENY", " ", reviewer).status())
			.isEqualTo(400);

		// Decisions, changeable while open; a bulk request with per-item results.
		assertThat(decide(reviewId, items.get(AccessFixture.GUEST_CONTRIBUTOR.toLowerCase()), "APPROVE", "needed",
				reviewer)
			.status()).isEqualTo(200);
		List<String> denied = List.of(AccessFixture.ORPHANED, AccessFixture.SOFT_DELETED,
				AccessFixture.BREAK_GLASS_OWNER, AccessFixture.GUEST_CONTRIBUTOR,
				AccessFixture.CONTRIBUTOR_GROUP_AT_SUBSCRIPTION, AccessFixture.DATA_SCIENTIST,
				AccessFixture.COMPUTE_OPERATOR_USER);
		StringBuilder bulk = new StringBuilder("{\"decisions\": [");
		for (String assignment : denied) {
			bulk.append("{\"itemId\": \"")
				.append(items.get(assignment.toLowerCase()))
				.append("\", \"decision\": \"DENY\", \"justification\": \"not needed\"},");
		}
		bulk.append("{\"itemId\": \"")
			.append(items.get(AccessFixture.REVIEWERS_OWN.toLowerCase()))
			.append("\", \"decision\": \"APPROVE\", \"justification\": \"mine\"}]}");
		Response bulkResponse = this.http.post(BASE + "/instances/" + reviewId + "/decisions", "application/json",
				bulk.toString(), Http.bearer(reviewer));
		assertThat(bulkResponse.status()).as(bulkResponse.body()).isEqualTo(200);
		JsonNode results = bulkResponse.json().get("results");
		for (int i = 0; i < denied.size(); i++) {
			assertThat(results.get(i).get("status").asInt()).isEqualTo(200);
		}
		assertThat(results.get(denied.size()).get("status").asInt()).isEqualTo(403);
		// Nor on an assignment that reaches the reviewer through a group, also a nested
		// one.
		this.simulator.groupMembership()
			.add(AccessFixture.CONTRIBUTORS, "b0000000-0000-4000-8000-0000000000aa")
			.add("b0000000-0000-4000-8000-0000000000aa", AccessFixture.SECOND_REVIEWER);
		Response viaGroup = decide(reviewId, items.get(AccessFixture.CONTRIBUTOR_GROUP_AT_SUBSCRIPTION.toLowerCase()),
				"APPROVE", "my team", second);
		assertThat(viaGroup.status()).as(viaGroup.body()).isEqualTo(403);
		assertThat(viaGroup.json().get("detail").asString()).contains("belong to the group");
		// The second reviewer may decide on the first reviewer's assignment.
		assertThat(decide(reviewId, items.get(AccessFixture.REVIEWERS_OWN.toLowerCase()), "APPROVE", "still needed",
				second)
			.status()).isEqualTo(200);

		// Not applicable while open.
		assertThat(this.http
			.post(BASE + "/instances/" + reviewId + "/apply?dryRun=false", "application/json", "", Http.bearer(admin))
			.status()).isEqualTo(409);

		// Someone edits the compute operator assignment in Azure after the review.
		this.simulator.updateResource(AccessFixture.COMPUTE_OPERATOR_USER, (assignment) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> properties = (Map<String, Object>) assignment.get("properties");
			properties.put("condition", "@Resource[Microsoft.MachineLearningServices/workspaces/computes:name] "
					+ "StringEquals 'cpu-small'");
			properties.put("conditionVersion", "2.0");
			properties.put("updatedOn", java.time.Instant.now().toString());
		});

		Response closed = this.http.post(BASE + "/instances/" + reviewId + "/close", "application/json", "",
				Http.bearer(admin));
		assertThat(closed.status()).isEqualTo(200);
		assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
		assertThat(
				decide(reviewId, items.get(AccessFixture.ORPHANED.toLowerCase()), "APPROVE", "late", reviewer).status())
			.isEqualTo(409);
		assertThat(this.http
			.post(BASE + "/instances/" + reviewId + "/apply?dryRun=false", "application/json", "",
					Http.bearer(reviewer))
			.status()).isEqualTo(403);

		// Two people: the Admin who defined and closed the review may not also apply it.
		Response alone = this.http.post(BASE + "/instances/" + reviewId + "/apply?dryRun=false", "application/json", "",
				Http.bearer(admin));
		assertThat(alone.status()).as(alone.body()).isEqualTo(403);
		assertThat(alone.contentType()).startsWith("application/problem+json");
		assertThat(alone.json().get("detail").asString()).contains("second Admin");
		assertThat(this.simulator.count("arm", "DELETE", "roleassignments/{name}")).isZero();

		// Dry run: what would happen, and nothing happens.
		Response dryRun = this.http.post(BASE + "/instances/" + reviewId + "/apply?dryRun=true", "application/json", "",
				Http.bearer(admin));
		assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
		assertThat(dryRun.json().get("removalCap").asInt()).isEqualTo(3);
		Map<String, String[]> predicted = outcomes(dryRun.json());
		assertThat(predicted).hasSize(denied.size());
		for (String assignment : denied) {
			assertThat(this.simulator.exists(assignment)).as(assignment).isTrue();
		}

		Response applied = this.http.post(BASE + "/instances/" + reviewId + "/apply?dryRun=false", "application/json",
				"", Http.bearer(secondAdmin));
		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		Map<String, String[]> actual = outcomes(applied.json());
		assertThat(actual.keySet()).isEqualTo(predicted.keySet());
		actual.forEach((id, outcome) -> assertThat(outcome[0]).as(id).isEqualTo(predicted.get(id)[0]));

		// Never removed, and saying why.
		assertThat(actual.get(AccessFixture.BREAK_GLASS_OWNER.toLowerCase())[1]).contains("Break-glass");
		assertThat(actual.get(AccessFixture.SOFT_DELETED.toLowerCase())[1]).contains("soft-deleted");
		assertThat(actual.get(AccessFixture.COMPUTE_OPERATOR_USER.toLowerCase())[0]).isEqualTo("NOT_APPLIED");
		assertThat(actual.get(AccessFixture.COMPUTE_OPERATOR_USER.toLowerCase())[1])
			.contains("Changed since review: condition, updatedOn");
		for (String held : List.of(AccessFixture.BREAK_GLASS_OWNER, AccessFixture.SOFT_DELETED,
				AccessFixture.COMPUTE_OPERATOR_USER)) {
			assertThat(actual.get(held.toLowerCase())[0]).isEqualTo("NOT_APPLIED");
			assertThat(this.simulator.exists(held)).isTrue();
		}
		// Four eligible denials, a cap of three: exactly three deleted, the fourth over
		// the cap and kept.
		List<String> eligible = List.of(AccessFixture.ORPHANED, AccessFixture.GUEST_CONTRIBUTOR,
				AccessFixture.CONTRIBUTOR_GROUP_AT_SUBSCRIPTION, AccessFixture.DATA_SCIENTIST);
		List<String> removed = new ArrayList<>();
		for (String assignment : eligible) {
			String[] outcome = actual.get(assignment.toLowerCase());
			if (outcome[0].equals("APPLIED_SUCCESSFULLY")) {
				removed.add(assignment);
				assertThat(this.simulator.exists(assignment)).as(assignment).isFalse();
			}
			else {
				assertThat(outcome[0]).isEqualTo("NOT_APPLIED");
				assertThat(outcome[1]).contains("Removal cap");
				assertThat(this.simulator.exists(assignment)).isTrue();
			}
		}
		assertThat(removed).hasSize(3);
		// Nothing that was approved or left undecided was touched.
		for (String kept : List.of(AccessFixture.OWNER_AT_SUBSCRIPTION, AccessFixture.REVIEWERS_OWN,
				AccessFixture.UAA_AT_MANAGEMENT_GROUP, AccessFixture.SP_CONTRIBUTOR_AT_SUBSCRIPTION)) {
			assertThat(this.simulator.exists(kept)).as(kept).isTrue();
		}
		assertThat(this.simulator.count("arm", "DELETE", "roleassignments/{name}")).isEqualTo(3);
		assertThat(this.http.get(BASE + "/instances/" + reviewId, Http.bearer(admin)).json().get("status").asString())
			.isEqualTo("APPLIED");

		// A second run deletes nothing more (every denial has its result).
		Response again = this.http.post(BASE + "/instances/" + reviewId + "/apply?dryRun=false", "application/json", "",
				Http.bearer(secondAdmin));
		assertThat(again.json().get("outcomes").size()).isZero();
		assertThat(this.simulator.count("arm", "DELETE", "roleassignments/{name}")).isEqualTo(3);

		// Re-grant restores one, exactly as reviewed, once.
		String restore = removed.stream().filter((a) -> !a.equals(AccessFixture.ORPHANED)).findFirst().orElseThrow();
		String restoreItem = items.get(restore.toLowerCase());
		Response regrant = this.http.post(BASE + "/instances/" + reviewId + "/items/" + restoreItem + "/regrant",
				"application/json", "", Http.bearer(admin));
		assertThat(regrant.status()).as(regrant.body()).isEqualTo(200);
		assertThat(regrant.json().get("regrantedBy").asString()).isEqualTo("access-admin");
		assertThat(this.simulator.exists(restore)).isTrue();
		assertThat(this.simulator.resource(restore).toString())
			.contains(restore.substring(restore.lastIndexOf('/') + 1));
		assertThat(this.http
			.post(BASE + "/instances/" + reviewId + "/items/" + restoreItem + "/regrant", "application/json", "",
					Http.bearer(admin))
			.status()).isEqualTo(409);
		assertThat(this.http
			.post(BASE + "/instances/" + reviewId + "/items/" + items.get(AccessFixture.BREAK_GLASS_OWNER.toLowerCase())
					+ "/regrant", "application/json", "", Http.bearer(admin))
			.status()).isEqualTo(409);

		// History: decisions, application with before/after, re-grant.
		JsonNode detail = this.http.get(BASE + "/instances/" + reviewId + "/items/" + restoreItem, Http.bearer(admin))
			.json();
		List<String> kinds = new ArrayList<>();
		detail.get("history").forEach((event) -> kinds.add(event.get("kind").asString()));
		assertThat(kinds).containsSubsequence("DECISION", "APPLY", "REGRANT");
		assertThat(
				detail.get("history").get(kinds.indexOf("APPLY")).get("before").get("assignment").get("id").asString())
			.isEqualToIgnoringCase(restore);

		// Every decision and application is audited.
		JsonNode audit = this.http
			.get("/api/v1/audit-events?size=200&action=POST%20" + BASE + "/instances/", Http.bearer(admin))
			.json();
		assertThat(audit.get("totalItems").asInt()).isGreaterThanOrEqualTo(5);
	}

	@Test
	@Order(3)
	void timeoutAppliesTheDefaultDecisionAndAutoApplyWaitsForASecondAdmin() {
		String admin = this.issuer.token("access-admin", "Warden.Admin");
		Response definition = this.http.post(BASE + "/definitions", "application/json", """
				{"name": "Follow the recommendation", "scope": {"subscriptionIds": ["%s"]},
				 "reviewers": {"mode": "WORKSPACE_OWNERS"}, "duration": "PT1H",
				 "defaultDecision": "RECOMMENDATION", "autoApply": true, "justificationRequired": false}
				""".formatted(AccessFixture.SUB), Http.bearer(admin));
		assertThat(definition.status()).as(definition.body()).isEqualTo(201);
		String reviewId = this.http
			.post(BASE + "/definitions/" + definition.json().get("id").asString() + "/instances", "application/json",
					"", Http.bearer(admin))
			.json()
			.get("id")
			.asString();
		// Owners of the workspace review: the subscription owner may decide on others'
		// items.
		String owner = this.issuer.token(AccessFixture.OWNER_USER, "Warden.Reviewer");
		Map<String, String> items = itemIds(reviewId, admin);
		assertThat(
				decide(reviewId, items.get(AccessFixture.RBAC_ADMIN_NO_CONDITION.toLowerCase()), "APPROVE", "ok", owner)
					.status())
			.isEqualTo(200);
		assertThat(
				decide(reviewId, items.get(AccessFixture.OWNER_AT_SUBSCRIPTION.toLowerCase()), "APPROVE", "ok", owner)
					.status())
			.isEqualTo(403);

		this.jdbc.update("UPDATE access_review SET due_at = now() - interval '1 minute' WHERE id = ?::uuid", reviewId);
		this.jobs.runCampaigns();
		this.jobs.runCampaigns();

		// Closed on timeout, but removals are not applied by the scheduler alone, nor by
		// the Admin who defined the review: a second Admin applies them, once.
		assertThat(this.http.get(BASE + "/instances/" + reviewId, Http.bearer(admin)).json().get("status").asString())
			.isEqualTo("CLOSED");
		assertThat(this.http
			.post(BASE + "/instances/" + reviewId + "/apply?dryRun=false", "application/json", "", Http.bearer(admin))
			.status()).isEqualTo(403);
		String secondAdmin = this.issuer.token("access-second-admin", "Warden.Admin");
		Response applied = this.http.post(BASE + "/instances/" + reviewId + "/apply?dryRun=false", "application/json",
				"", Http.bearer(secondAdmin));
		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		long deletes = this.simulator.count("arm", "DELETE", "roleassignments/{name}");
		this.jobs.runCampaigns();
		assertThat(this.simulator.count("arm", "DELETE", "roleassignments/{name}")).isEqualTo(deletes);

		JsonNode instance = this.http.get(BASE + "/instances/" + reviewId, Http.bearer(admin)).json();
		assertThat(instance.get("status").asString()).isEqualTo("APPLIED");
		JsonNode page = this.http.get(BASE + "/instances/" + reviewId + "/items?size=200", Http.bearer(admin)).json();
		page.get("items").forEach((item) -> {
			String recommendation = item.get("recommendation").asString();
			String decision = item.get("decision").isNull() ? null : item.get("decision").asString();
			if (item.get("assignmentId").asString().equalsIgnoreCase(AccessFixture.RBAC_ADMIN_NO_CONDITION)) {
				assertThat(decision).isEqualTo("APPROVE");
				assertThat(item.get("decidedBy").asString()).isEqualTo(AccessFixture.OWNER_USER);
				return;
			}
			switch (recommendation) {
				case "REMOVE" -> {
					assertThat(decision).isEqualTo("DENY");
					assertThat(item.get("applyResult").isNull()).isFalse();
				}
				case "KEEP" -> assertThat(decision).isEqualTo("APPROVE");
				default -> assertThat(decision).isNull();
			}
		});
		assertThat(this.simulator.exists(AccessFixture.BREAK_GLASS_OWNER)).isTrue();
		assertThat(this.simulator.exists(AccessFixture.SOFT_DELETED)).isTrue();
		// The scheduler's own actions are audited: it timed the review out, and applied
		// nothing itself.
		assertThat(this.http
			.get("/api/v1/audit-events?principal=" + ReviewService.SYSTEM + "&action=access-review.timeout",
					Http.bearer(admin))
			.json()
			.get("totalItems")
			.asInt()).isGreaterThanOrEqualTo(1);
		assertThat(this.http
			.get("/api/v1/audit-events?principal=" + ReviewService.SYSTEM + "&action=access-review.apply",
					Http.bearer(admin))
			.json()
			.get("totalItems")
			.asInt()).isZero();
	}

	@Test
	@Order(4)
	void neverRemovesTheLastOwnerOfAScopeNorAmlWardensOwnIdentity() {
		String admin = this.issuer.token("access-admin", "Warden.Admin");
		String secondAdmin = this.issuer.token("access-second-admin", "Warden.Admin");
		String reviewer = this.issuer.token(AccessFixture.REVIEWER, "Warden.Reviewer");
		Response definition = this.http.post(BASE + "/definitions", "application/json", """
				{"name": "Lone owner", "scope": {"subscriptionIds": ["%s"]},
				 "reviewers": {"mode": "NAMED", "principalIds": ["%s"]}, "duration": "P14D",
				 "defaultDecision": "NONE", "autoApply": false, "justificationRequired": false}
				""".formatted(AccessFixture.LONE_OWNER_SUB, AccessFixture.REVIEWER), Http.bearer(admin));
		assertThat(definition.status()).as(definition.body()).isEqualTo(201);
		Response opened = this.http.post(BASE + "/definitions/" + definition.json().get("id").asString() + "/instances",
				"application/json", "", Http.bearer(admin));
		assertThat(opened.status()).as(opened.body()).isEqualTo(201);
		String reviewId = opened.json().get("id").asString();
		Map<String, String> items = itemIds(reviewId, admin);
		for (String assignment : List.of(AccessFixture.LONE_OWNER, AccessFixture.WARDEN_CONTRIBUTOR)) {
			assertThat(decide(reviewId, items.get(assignment.toLowerCase()), "DENY", "not needed", reviewer).status())
				.as(assignment)
				.isEqualTo(200);
		}
		assertThat(
				this.http.post(BASE + "/instances/" + reviewId + "/close", "application/json", "", Http.bearer(admin))
					.status())
			.isEqualTo(200);

		Map<String, String[]> predicted = outcomes(this.http
			.post(BASE + "/instances/" + reviewId + "/apply?dryRun=true", "application/json", "", Http.bearer(admin))
			.json());
		Response applied = this.http.post(BASE + "/instances/" + reviewId + "/apply?dryRun=false", "application/json",
				"", Http.bearer(secondAdmin));
		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		Map<String, String[]> actual = outcomes(applied.json());
		for (Map<String, String[]> report : List.of(predicted, actual)) {
			assertThat(report.get(AccessFixture.LONE_OWNER.toLowerCase())[0]).isEqualTo("NOT_APPLIED");
			assertThat(report.get(AccessFixture.LONE_OWNER.toLowerCase())[1]).contains("Last Owner");
			assertThat(report.get(AccessFixture.WARDEN_CONTRIBUTOR.toLowerCase())[0]).isEqualTo("NOT_APPLIED");
			assertThat(report.get(AccessFixture.WARDEN_CONTRIBUTOR.toLowerCase())[1]).contains("own identity");
		}
		assertThat(this.simulator.exists(AccessFixture.LONE_OWNER)).isTrue();
		assertThat(this.simulator.exists(AccessFixture.WARDEN_CONTRIBUTOR)).isTrue();
	}

	private Response decide(String reviewId, String itemId, String decision, String justification, String token) {
		return this.http.send("PUT", BASE + "/instances/" + reviewId + "/items/" + itemId + "/decision",
				"application/json",
				"{\"decision\": \"" + decision + "\", \"justification\": \"" + justification + "\"}",
				token.isEmpty() ? new String[0] : Http.bearer(token));
	}

	private Map<String, String> itemIds(String reviewId, String token) {
		Response response = this.http.get(BASE + "/instances/" + reviewId + "/items?size=200", Http.bearer(token));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode page = response.json();
		Map<String, String> ids = new HashMap<>();
		page.get("items")
			.forEach((item) -> ids.put(item.get("assignmentId").asString().toLowerCase(), item.get("id").asString()));
		return ids;
	}

	private static Map<String, String[]> outcomes(JsonNode report) {
		Map<String, String[]> outcomes = new HashMap<>();
		report.get("outcomes")
			.forEach((o) -> outcomes.put(o.get("assignmentId").asString().toLowerCase(),
					new String[] { o.get("result").asString(), o.get("detail").asString() }));
		return outcomes;
	}

	private static Set<Signal> signals(Map<String, AssignmentAssessment> byId, String assignmentId) {
		AssignmentAssessment assessment = byId.get(assignmentId.toLowerCase());
		assertThat(assessment).as(assignmentId).isNotNull();
		return assessment.signals().stream().map(SignalHit::signal).collect(Collectors.toSet());
	}

}
