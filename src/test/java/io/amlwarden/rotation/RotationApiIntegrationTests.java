package io.amlwarden.rotation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.amlwarden.azure.CmkOperations;
import io.amlwarden.azure.SimulatorHttpClient;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http;
import io.amlwarden.support.SharedPostgres;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rotation API over HTTP, on the whole service wired to the Azure simulator: roles,
 * validation problems, plans, Idempotency-Key, approval by another Admin, execution,
 * history, keys and rollback.
 */
@WardenIntegrationTest
@Import(RotationApiIntegrationTests.SimulatorAzure.class)
@TestPropertySource(properties = { "warden.scheduling.enabled=false", "warden.azure.live=false",
		"warden.azure.tenant-id=" + RotationFixtures.TENANT, "warden.azure.credential.kind=client-secret",
		"warden.azure.credential.client-id=11111111-1111-1111-1111-111111111111",
		"warden.azure.credential.client-secret=simulator-secret", "warden.azure.limits.max-retries=2",
		"warden.azure.limits.retry-base-delay=50ms", "warden.azure.limits.retry-max-delay=200ms" })
class RotationApiIntegrationTests {

	static final String SUB = "00000000-0000-4000-8000-0000000000d4";

	static final TenantFixture FIXTURE = RotationFixtures.tenant(SUB);

	static final TenantFixture.Stack ON_DEMAND = RotationFixtures.stack(FIXTURE, SUB, "apiod", 2, true);

	static final TenantFixture.Stack APPROVED = RotationFixtures.stack(FIXTURE, SUB, "apiap", 1, true);

	static final AzureSimulator SIMULATOR = AzureSimulator.start(FIXTURE.toJson()).longRunning(1, 0);

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Autowired
	RotationRunService worker;

	@Autowired
	CmkOperations azure;

	static boolean warm;

	Http http;

	String reader;

	String operator;

	String admin;

	String otherAdmin;

	@AfterAll
	static void stopSimulator() {
		SIMULATOR.close();
	}

	@BeforeEach
	void setUp() {
		if (!warm) {
			// The first Azure call builds the SDK clients and takes the first token (tens
			// of seconds on a loaded 2-core machine); do it outside the HTTP client's
			// timeout.
			this.azure.vault(APPROVED.vaultId);
			this.azure.currentVersion(APPROVED.vaultUri, "cmk");
			warm = true;
		}
		this.http = new Http(this.port);
		this.reader = this.issuer.token("reader-" + UUID.randomUUID(), "Warden.Reader");
		this.operator = this.issuer.token("operator-1", "Warden.Operator");
		this.admin = this.issuer.token("admin-1", "Warden.Admin");
		this.otherAdmin = this.issuer.token("admin-2", "Warden.Admin");
	}

	@Test
	void policiesAreValidatedWithSpecificProblems() {
		Http.Response tooShort = post("/api/v1/rotation-policies", this.operator, policy(APPROVED.vaultId, "P6D"));
		assertThat(tooShort.status()).isEqualTo(400);
		assertThat(tooShort.contentType()).startsWith("application/problem+json");
		assertThat(tooShort.json().get("errors").get(0).get("code").asString()).isEqualTo("period-too-short");
		Http.Response months = post("/api/v1/rotation-policies", this.operator, policy(APPROVED.vaultId, "P3M"));
		assertThat(months.json().get("errors").get(0).get("code").asString()).isEqualTo("ambiguous-duration");
		String unknown = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kvnope";
		Http.Response vault = post("/api/v1/rotation-policies", this.operator, policy(unknown, "P30D"));
		assertThat(vault.status()).isEqualTo(400);
		assertThat(vault.json().get("errors").get(0).get("code").asString()).isEqualTo("unknown-vault");
		Http.Response window = post("/api/v1/rotation-policies", this.operator,
				"{\"name\":\"w\",\"vaultId\":\"" + APPROVED.vaultId
						+ "\",\"keyName\":\"cmk\",\"rotationPeriod\":\"P30D\",\"window\":{\"days\":[],\"startHour\":1,"
						+ "\"endHour\":2}}");
		assertThat(window.json().get("errors").get(0).get("code").asString()).isEqualTo("window-never-opens");
		assertThat(post("/api/v1/rotation-policies", this.reader, policy(APPROVED.vaultId, "P30D")).status())
			.isEqualTo(403);
	}

	@Test
	void onDemandRotationWithIdempotencyKeyRunsToVerifiedAndShowsInHistoryAndKeys() {
		Http.Response plan = post("/api/v1/rotations/plan", this.operator,
				"{\"vaultId\":\"" + ON_DEMAND.vaultId + "\",\"keyName\":\"cmk\"}");
		assertThat(plan.status()).isEqualTo(201);
		JsonNode planJson = plan.json();
		assertThat(planJson.get("blocked").asBoolean()).isFalse();
		assertThat(planJson.get("dependents")).hasSize(3);
		assertThat(planJson.get("checks").size()).isPositive();
		String planId = planJson.get("id").asString();

		String key = "idem-" + UUID.randomUUID();
		Http.Response started = post("/api/v1/rotations", this.operator, "{\"planId\":\"" + planId + "\"}",
				"Idempotency-Key", key);
		assertThat(started.status()).isEqualTo(202);
		String id = started.json().get("id").asString();
		assertThat(started.header("Location")).endsWith("/api/v1/rotations/" + id);
		Http.Response again = post("/api/v1/rotations", this.operator, "{\"planId\":\"" + planId + "\"}",
				"Idempotency-Key", key);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("id").asString()).isEqualTo(id);
		// On-demand rotations need an Admin's approval (warden.rotation.approval=always).
		assertThat(planJson.get("approvalRequired").asBoolean()).isTrue();
		assertThat(started.json().get("status").asString()).isEqualTo("PLANNED");
		assertThat(post("/api/v1/rotations/" + id + "/approve", this.admin, "").status()).isEqualTo(200);
		Http.Response secondPlan = post("/api/v1/rotations/plan", this.operator,
				"{\"workspaceId\":\"" + ON_DEMAND.workspaceId + "\"}");
		Http.Response inFlight = post("/api/v1/rotations", this.operator,
				"{\"planId\":\"" + secondPlan.json().get("id").asString() + "\"}");
		assertThat(inFlight.status()).isEqualTo(409);
		assertThat(inFlight.json().get("rotationId").asString()).isEqualTo(id);

		this.worker.drain();

		JsonNode rotation = get("/api/v1/rotations/" + id);
		assertThat(rotation.get("status").asString()).isEqualTo("VERIFIED");
		assertThat(rotation.get("dependents")).hasSize(3);
		assertThat(rotation.get("events").size()).isGreaterThan(5);
		JsonNode history = get("/api/v1/rotations?state=VERIFIED&vault=" + ON_DEMAND.vaultId.toUpperCase());
		assertThat(history.get("totalItems").asInt()).isEqualTo(1);
		assertThat(get("/api/v1/rotations?workspace=" + ON_DEMAND.workspaceId + "-2").get("totalItems").asInt())
			.isEqualTo(1);
		assertThat(get("/api/v1/rotations?trigger=SCHEDULED&vault=" + ON_DEMAND.vaultId).get("totalItems").asInt())
			.isZero();
		assertThat(this.http.get("/api/v1/rotations?state=bogus", Http.bearer(this.reader)).status()).isEqualTo(400);
	}

	@Test
	void policyReplacementNeedsTheCurrentETag() {
		// One policy per key: remove what earlier tests left on this vault's key.
		for (JsonNode policy : get("/api/v1/rotation-policies?size=200").get("items")) {
			if (policy.at("/target/vaultId").asString().equalsIgnoreCase(APPROVED.vaultId)) {
				assertThat(this.http
					.send("DELETE", "/api/v1/rotation-policies/" + policy.get("id").asString(), "application/json", "",
							Http.bearer(this.admin))
					.status()).isEqualTo(204);
			}
		}
		Http.Response created = post("/api/v1/rotation-policies", this.operator, "{\"name\":\"etag\",\"vaultId\":\""
				+ APPROVED.vaultId + "\",\"keyName\":\"cmk\",\"rotationPeriod\":\"P30D\",\"approvalRequired\":true}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String path = "/api/v1/rotation-policies/" + created.json().get("id").asString();
		Http.Response read = this.http.get(path, Http.bearer(this.reader));
		String tag = read.header("ETag");
		assertThat(tag).startsWith("\"");
		assertThat(this.http.get(path, Http.bearer(this.reader, "If-None-Match", tag)).status()).isEqualTo(304);
		String body = "{\"name\":\"etag-2\",\"vaultId\":\"" + APPROVED.vaultId
				+ "\",\"keyName\":\"cmk\",\"rotationPeriod\":\"P60D\",\"approvalRequired\":true}";

		Http.Response missing = this.http.send("PUT", path, "application/json", body, Http.bearer(this.operator));
		assertThat(missing.status()).isEqualTo(428);
		assertThat(missing.body()).contains("urn:aml-warden:problem:precondition-required");
		Http.Response wrong = put(path, body, "\"not-the-tag\"");
		assertThat(wrong.status()).isEqualTo(412);
		assertThat(wrong.contentType()).startsWith("application/problem+json");
		assertThat(wrong.body()).contains("urn:aml-warden:problem:precondition-failed");

		Http.Response replaced = put(path, body, tag);
		assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
		assertThat(replaced.json().get("name").asString()).isEqualTo("etag-2");
		assertThat(replaced.header("ETag")).isNotEqualTo(tag);
		assertThat(put(path, body.replace("etag-2", "etag-3"), tag).status()).isEqualTo(412);
		assertThat(get(path).get("name").asString()).isEqualTo("etag-2");
		assertThat(put(path, body.replace("etag-2", "etag-3"), replaced.header("ETag")).status()).isEqualTo(200);
		// It requires approval (the default), so only an Admin may delete it.
		assertThat(this.http.send("DELETE", path, "application/json", "", Http.bearer(this.admin)).status())
			.isEqualTo(204);
	}

	private Http.Response put(String path, String body, String ifMatch) {
		return this.http.send("PUT", path, "application/json", body, Http.bearer(this.operator, "If-Match", ifMatch));
	}

	@Test
	void approvalNeedsAnotherAdminAndRollbackRepointsDependents() {
		Http.Response created = post("/api/v1/rotation-policies", this.operator, "{\"name\":\"gated\",\"vaultId\":\""
				+ APPROVED.vaultId + "\",\"keyName\":\"cmk\",\"rotationPeriod\":\"P30D\",\"approvalRequired\":true}");
		assertThat(created.status()).isEqualTo(201);
		String policyId = created.json().get("id").asString();
		assertThat(created.json().get("nextDueReason").asString()).contains("P30D");
		assertThat(get("/api/v1/rotation-policies/" + policyId).get("approvalRequired").asBoolean()).isTrue();
		String oldKid = RotationFixtures.currentVersion(APPROVED);

		Http.Response plan = post("/api/v1/rotation-policies/" + policyId + "/plan", this.operator, "");
		assertThat(plan.status()).isEqualTo(201);
		assertThat(plan.json().get("approvalRequired").asBoolean()).isTrue();
		String planId = plan.json().get("id").asString();
		String requester = this.issuer.token("admin-1", "Warden.Admin");
		Http.Response started = post("/api/v1/rotations", requester, "{\"planId\":\"" + planId + "\"}");
		assertThat(started.json().get("status").asString()).isEqualTo("PLANNED");
		String id = started.json().get("id").asString();
		this.worker.drain();
		assertThat(get("/api/v1/rotations/" + id).get("status").asString()).isEqualTo("PLANNED");

		assertThat(post("/api/v1/rotations/" + id + "/approve", this.operator, "").status()).isEqualTo(403);
		assertThat(post("/api/v1/rotations/" + id + "/approve", this.admin, "").status()).isEqualTo(403);
		Http.Response approved = post("/api/v1/rotations/" + id + "/approve", this.otherAdmin, "");
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.json().get("approvedBy").asString()).isEqualTo("admin-2");
		this.worker.drain();
		assertThat(get("/api/v1/rotations/" + id).get("status").asString()).isEqualTo("VERIFIED");

		// The keys page reads the stored inventory: scan the policy's subscription first.
		scan();
		JsonNode keys = get("/api/v1/keys?size=200");
		JsonNode key = null;
		for (JsonNode item : keys.get("items")) {
			if (item.get("policyId") != null && policyId.equals(item.get("policyId").asString())) {
				key = item;
			}
		}
		assertThat(key).as("the key is listed with its policy").isNotNull();
		assertThat(key.get("dependents").size()).isEqualTo(2);

		assertThat(post("/api/v1/rotations/" + id + "/rollback", this.operator, "").status()).isEqualTo(403);
		assertThat(post("/api/v1/rotations/" + id + "/rollback", this.admin, "").status()).isEqualTo(202);
		this.worker.drain();
		JsonNode rolledBack = get("/api/v1/rotations/" + id);
		assertThat(rolledBack.get("status").asString()).isEqualTo("ROLLED_BACK");
		Map<?, ?> workspace = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) SIMULATOR.resource(APPROVED.workspaceId)
			.get("properties")).get("encryption")).get("keyVaultProperties");
		assertThat((String) workspace.get("keyIdentifier")).endsWith(oldKid);
		assertThat(SIMULATOR.keyVersions(APPROVED.vaultId, "cmk")).hasSize(2);
		assertThat(List.of(rolledBack.get("events").toString())).anyMatch((e) -> e.contains("DEPENDENT_ROLLED_BACK"));
	}

	@Test
	void onlyAnAdminRemovesApprovalAndOnDemandRotationsAlwaysNeedIt() {
		String base = "{\"name\":\"rule\",\"vaultId\":\"" + ON_DEMAND.vaultId
				+ "\",\"keyName\":\"cmk\",\"rotationPeriod\":\"P30D\"";
		Http.Response withoutApproval = post("/api/v1/rotation-policies", this.operator,
				base + ",\"approvalRequired\":false}");
		assertThat(withoutApproval.status()).isEqualTo(403);
		assertThat(withoutApproval.json().get("type").asString()).isEqualTo("urn:aml-warden:problem:forbidden");
		assertThat(withoutApproval.json().get("rule").asString()).contains("warden.rotation.approval");
		assertThat(post("/api/v1/rotation-policies", this.operator, base + "}").status()).isEqualTo(403);

		Http.Response gated = post("/api/v1/rotation-policies", this.operator, base + ",\"approvalRequired\":true}");
		assertThat(gated.status()).isEqualTo(201);
		String id = gated.json().get("id").asString();
		String tag = this.http.get("/api/v1/rotation-policies/" + id, Http.bearer(this.reader)).header("ETag");
		assertThat(this.http
			.send("PUT", "/api/v1/rotation-policies/" + id, "application/json", base + ",\"approvalRequired\":false}",
					"Authorization", "Bearer " + this.operator, "If-Match", tag)
			.status()).isEqualTo(403);
		assertThat(this.http
			.send("DELETE", "/api/v1/rotation-policies/" + id, "application/json", "", Http.bearer(this.operator))
			.status()).isEqualTo(403);
		assertThat(get("/api/v1/rotation-policies/" + id).get("approvalRequired").asBoolean()).isTrue();
		assertThat(this.http
			.send("DELETE", "/api/v1/rotation-policies/" + id, "application/json", "", Http.bearer(this.admin))
			.status()).isEqualTo(204);

		Http.Response byAdmin = post("/api/v1/rotation-policies", this.admin, base + ",\"approvalRequired\":false}");
		assertThat(byAdmin.status()).isEqualTo(201);
		Http.Response plan = post("/api/v1/rotations/plan", this.operator,
				"{\"vaultId\":\"" + ON_DEMAND.vaultId + "\",\"keyName\":\"cmk\"}");
		assertThat(plan.json().get("approvalRequired").asBoolean()).as("on demand, despite the policy").isTrue();
		assertThat(this.http
			.send("DELETE", "/api/v1/rotation-policies/" + byAdmin.json().get("id").asString(), "application/json", "",
					Http.bearer(this.operator))
			.status()).isEqualTo(204);
	}

	private static String policy(String vaultId, String period) {
		return "{\"name\":\"p\",\"vaultId\":\"" + vaultId + "\",\"keyName\":\"cmk\",\"rotationPeriod\":\"" + period
				+ "\"}";
	}

	private Http.Response post(String path, String token, String body, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Authorization";
		all[1] = "Bearer " + token;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return this.http.post(path, "application/json", body, all);
	}

	private void scan() {
		Http.Response accepted = post("/api/v1/scans", this.operator, "{\"subscriptions\":[\"" + SUB + "\"]}");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String path = "/api/v1/scans/" + accepted.json().get("id").asString();
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(120))
			.pollInterval(java.time.Duration.ofMillis(300))
			.until(() -> List.of("SUCCEEDED", "PARTIAL", "FAILED").contains(get(path).get("state").asString()));
	}

	private JsonNode get(String path) {
		Http.Response response = this.http.get(path, Http.bearer(this.reader));
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
		return response.json();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SimulatorAzure {

		// Primary over the shared demo simulator's client that every integration context
		// has.
		@Bean
		@Primary
		com.azure.core.http.HttpClient rotationSimulatorHttpClient() {
			return SimulatorHttpClient.to(SIMULATOR);
		}

		/**
		 * A database of this context's own: other cached contexts run the rotation jobs
		 * against live Azure and must not claim this test's policies and rotations.
		 */
		@Bean
		@Primary
		JdbcConnectionDetails rotationApiDatabase() {
			String database = "rotation_api_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
			SharedPostgres.createDatabase(database);
			String url = SharedPostgres.jdbcUrl(database);
			return new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return SharedPostgres.username();
				}

				@Override
				public String getPassword() {
					return SharedPostgres.password();
				}

				@Override
				public String getJdbcUrl() {
					return url;
				}

			};
		}

		/** Migrations go to this context's own database too. */
		@Bean
		@Primary
		FlywayConnectionDetails rotationApiMigrations(JdbcConnectionDetails rotationApiDatabase) {
			return new FlywayConnectionDetails() {

				@Override
				public String getUsername() {
					return rotationApiDatabase.getUsername();
				}

				@Override
				public String getPassword() {
					return rotationApiDatabase.getPassword();
				}

				@Override
				public String getJdbcUrl() {
					return rotationApiDatabase.getJdbcUrl();
				}

			};
		}

	}

}
