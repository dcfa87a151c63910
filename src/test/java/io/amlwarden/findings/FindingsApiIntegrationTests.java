package io.amlwarden.findings;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.findings.Observation.Outcome;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings and suppressions API over HTTP: filters, detail with history, the three
 * export formats, and the suppression workflow with separation of duties and auditing.
 */
@WardenIntegrationTest
class FindingsApiIntegrationTests extends FindingsHttpTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeEach
	void setUp() {
		this.ledger.record(UUID.randomUUID(), Instant.now(),
				new ScanCoverage(true, Set.of(this.subscription), Set.of(), Set.of(), Set.of("kv-purge-protection")),
				List.of(this.fixtures.observation("kv-purge-protection", "HIGH", "ENCRYPTION",
						this.fixtures.vault("kv-a"), Outcome.FAIL),
						this.fixtures.observation("kv-purge-protection", "HIGH", "ENCRYPTION",
								this.fixtures.vault("=1+2"), Outcome.FAIL),
						this.fixtures.observation("st-min-tls-1-2", "MEDIUM", "ENCRYPTION",
								this.fixtures.storage("sta"), Outcome.FAIL),
						this.fixtures.observation("kv-soft-delete", "HIGH", "ENCRYPTION", this.fixtures.vault("kv-a"),
								Outcome.PASS)));
	}

	@Test
	void listFiltersAndPages() {
		JsonNode all = get("/api/v1/findings?subscription=" + this.subscription);
		assertThat(all.get("totalItems").asInt()).isEqualTo(3);
		// most severe first
		assertThat(all.get("items").get(0).get("severity").asString()).isEqualTo("HIGH");
		assertThat(get("/api/v1/findings?subscription=" + this.subscription + "&severity=medium").get("totalItems")
			.asInt()).isEqualTo(1);
		assertThat(get("/api/v1/findings?subscription=" + this.subscription + "&check=kv-purge-protection&size=1")
			.get("totalPages")
			.asInt()).isEqualTo(2);
		assertThat(get("/api/v1/findings?workspace=" + this.fixtures.workspace() + "&state=OPEN").get("totalItems")
			.asInt()).isEqualTo(3);
		assertThat(
				get("/api/v1/findings?resource=" + this.fixtures.vault("kv-a").toUpperCase()).get("totalItems").asInt())
			.isEqualTo(1);
		assertThat(get("/api/v1/findings?subscription=" + this.subscription + "&changedSince="
				+ Instant.now().plus(1, ChronoUnit.HOURS))
			.get("totalItems")
			.asInt()).isZero();
		assertThat(this.http.get("/api/v1/findings?severity=bogus", Http.bearer(this.reader)).status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/findings?state=bogus", Http.bearer(this.reader)).status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/findings?sort=bogus", Http.bearer(this.reader)).status()).isEqualTo(400);
	}

	@Test
	void detailShowsHistoryAndMissingIs404() {
		String id = get("/api/v1/findings?subscription=" + this.subscription + "&severity=MEDIUM").get("items")
			.get(0)
			.get("id")
			.asString();
		JsonNode detail = get("/api/v1/findings/" + id);
		assertThat(detail.at("/finding/checkId").asString()).isEqualTo("st-min-tls-1-2");
		assertThat(detail.at("/finding/evidence/observed").asString()).isEqualTo("observed");
		assertThat(detail.get("history").get(0).get("to").asString()).isEqualTo("OPEN");
		Response missing = this.http.get("/api/v1/findings/" + UUID.randomUUID(), Http.bearer(this.reader));
		assertThat(missing.status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/findings/not-a-uuid", Http.bearer(this.reader)).status()).isEqualTo(400);
	}

	@Test
	void csvExportHasAHeaderAndDefusesFormulas() {
		Response csv = this.http.get("/api/v1/findings/export?format=csv&subscription=" + this.subscription,
				Http.bearer(this.reader));
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).startsWith("id,state,change,severity,category,checkId");
		assertThat(lines).hasSize(4);
		assertThat(csv.body()).contains(",'=1+2,").doesNotContain(",=1+2,");
	}

	@Test
	void sarifExportHasTheRequiredStructure() {
		Response sarif = this.http.get("/api/v1/findings/export?format=SARIF&subscription=" + this.subscription,
				Http.bearer(this.reader));
		assertThat(sarif.status()).isEqualTo(200);
		JsonNode log = sarif.json();
		// The properties SARIF 2.1.0's schema requires, and the references that must
		// resolve.
		assertThat(log.get("version").asString()).isEqualTo("2.1.0");
		JsonNode run = log.get("runs").get(0);
		assertThat(run.at("/tool/driver/name").asString()).isEqualTo("AML Warden");
		JsonNode rules = run.at("/tool/driver/rules");
		assertThat(rules.size()).isEqualTo(2);
		JsonNode results = run.get("results");
		assertThat(results.size()).isEqualTo(3);
		for (JsonNode result : results) {
			assertThat(result.at("/message/text").asString()).isNotBlank();
			assertThat(result.get("level").asString()).isIn("none", "note", "warning", "error");
			int index = result.get("ruleIndex").asInt();
			assertThat(rules.get(index).get("id").asString()).isEqualTo(result.get("ruleId").asString());
			assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asString())
				.startsWith("/subscriptions/");
		}
	}

	@Test
	void ocsfExportIsOneComplianceFindingPerLine() {
		Response ocsf = this.http.get("/api/v1/findings/export?format=ocsf&subscription=" + this.subscription,
				Http.bearer(this.reader));
		assertThat(ocsf.status()).isEqualTo(200);
		List<String> lines = ocsf.body().lines().toList();
		assertThat(lines).hasSize(3);
		for (String line : lines) {
			JsonNode event = JSON.readTree(line);
			assertThat(event.get("class_uid").asInt()).isEqualTo(2003);
			assertThat(event.get("category_uid").asInt()).isEqualTo(2);
			assertThat(event.get("type_uid").asInt()).isEqualTo(200301);
			assertThat(event.get("severity_id").asInt()).isBetween(1, 5);
			assertThat(event.at("/cloud/account/uid").asString()).isEqualTo(this.subscription);
			assertThat(event.at("/finding_info/uid").asString()).hasSize(64);
		}
	}

	@Test
	void exportNeedsAKnownFormat() {
		assertThat(this.http.get("/api/v1/findings/export?format=pdf", Http.bearer(this.reader)).status())
			.isEqualTo(400);
		assertThat(this.http.get("/api/v1/findings/export", Http.bearer(this.reader)).status()).isEqualTo(400);
	}

	@Test
	void suppressionWorkflowEnforcesSeparationOfDutiesAndIsAudited() {
		String operatorId = "operator-" + UUID.randomUUID();
		String operator = this.issuer.token(operatorId, "Warden.Operator", "Warden.Admin");
		String otherAdmin = this.issuer.token("admin-" + UUID.randomUUID(), "Warden.Admin");
		String body = """
				{"type":"RISK_ACCEPTED","justification":"Storage TLS is enforced at the gateway",
				 "expiresAt":"%s","checkId":"st-min-tls-1-2","scopePrefix":"/subscriptions/%s"}"""
			.formatted(Instant.now().plus(30, ChronoUnit.DAYS), this.subscription);

		Response readerAttempt = this.http.post("/api/v1/suppressions", "application/json", body,
				Http.bearer(this.reader));
		assertThat(readerAttempt.status()).isEqualTo(403);

		Response created = this.http.post("/api/v1/suppressions", "application/json", body, Http.bearer(operator));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.header("Location")).isEqualTo("/api/v1/suppressions/" + id);

		Response selfApproval = this.http.post("/api/v1/suppressions/" + id + "/approve", "application/json", "",
				Http.bearer(operator));
		assertThat(selfApproval.status()).isEqualTo(403);
		assertThat(selfApproval.json().get("detail").asString()).contains("other than its requester");

		Response approved = this.http.post("/api/v1/suppressions/" + id + "/approve", "application/json", "",
				Http.bearer(otherAdmin));
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.json().get("status").asString()).isEqualTo("ACTIVE");
		assertThat(get("/api/v1/findings?subscription=" + this.subscription + "&state=SUPPRESSED").get("totalItems")
			.asInt()).isEqualTo(1);

		Response twice = this.http.post("/api/v1/suppressions/" + id + "/approve", "application/json", "",
				Http.bearer(otherAdmin));
		assertThat(twice.status()).isEqualTo(409);

		JsonNode audit = get("/api/v1/audit-events?principal=" + operatorId);
		assertThat(audit.get("items").valueStream().map((e) -> e.get("action").asString() + " " + e.get("status")))
			.contains("POST /api/v1/suppressions 201", "POST /api/v1/suppressions/{id}/approve 403");
	}

	@Test
	void invalidSuppressionsAreProblems() {
		String operator = this.issuer.token("op-" + UUID.randomUUID(), "Warden.Operator");
		for (String body : List.of("{}", "{\"type\":\"FOREVER\",\"justification\":\"long enough text\"}",
				"{\"type\":\"MITIGATED\",\"justification\":\"short\",\"expiresAt\":\"2099-01-01T00:00:00Z\","
						+ "\"checkId\":\"x\",\"scopePrefix\":\"/subscriptions/x\"}",
				"{\"type\":\"MITIGATED\",\"justification\":\"long enough text\",\"expiresAt\":\"2099-01-01T00:00:00Z\","
						+ "\"checkId\":\"x\",\"scopePrefix\":\"/subscriptions/x\"}",
				"{\"type\":\"MITIGATED\",\"justification\":\"long enough text\",\"expiresAt\":\"2099-01-01T00:00:00Z\","
						+ "\"checkId\":\"x\",\"scopePrefix\":\"../../etc\"}")) {
			Response response = this.http.post("/api/v1/suppressions", "application/json", body, Http.bearer(operator));
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	private JsonNode get(String path) {
		Response response = this.http.get(path, Http.bearer(this.reader));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

}
