package io.amlwarden.scans;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.azure.SimulatorInventory;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.Http;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scans end to end: the real SDK against the simulator, the check catalogue, the findings
 * ledger and the API. One subscription with a well-configured workspace and one whose Key
 * Vault lacks purge protection.
 */
@WardenIntegrationTest
@Import(ScanIntegrationTests.SimulatedAzure.class)
class ScanIntegrationTests {

	static final String SUBSCRIPTION = "5ca0c1d0-0000-4000-8000-00000000c0de";

	static final TenantFixture FIXTURE = new TenantFixture(LocalTokenIssuer.TENANT_ID, Instant.now());

	static final TenantFixture.Stack GOOD = FIXTURE.subscription(SUBSCRIPTION)
		.stack(SUBSCRIPTION, "rg-good", "ws-good", (stack) -> {
		});

	static final TenantFixture.Stack BAD = FIXTURE.stack(SUBSCRIPTION, "rg-bad", "ws-bad",
			(stack) -> stack.props(stack.vault).put("enablePurgeProtection", false));

	static final AzureSimulator SIMULATOR = AzureSimulator.start(FIXTURE.toJson());

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Autowired
	ScanScheduler scheduler;

	Http http;

	String operator;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.operator = this.issuer.token("operator-" + UUID.randomUUID(), "Warden.Operator");
	}

	@AfterAll
	static void stop() {
		SIMULATOR.close();
	}

	@Test
	void scanLifecycleOpensKeepsResolvesAndRefusesToResolveOnPartialScans() {
		JsonNode first = scanAndWait();
		assertThat(first.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(first.at("/counts/workspaces").asInt()).isEqualTo(2);
		assertThat(first.at("/requests/arm").asLong()).isPositive();
		JsonNode purge = purgeFinding();
		assertThat(purge.get("state").asString()).isEqualTo("OPEN");
		assertThat(purge.get("workspaceIds").toString()).contains("ws-bad");
		assertThat(findings("&resource=" + GOOD.vaultId).get("totalItems").asInt())
			.as("the well-configured vault has no findings")
			.isZero();

		JsonNode second = scanAndWait();
		assertThat(second.at("/counts/findingsOpened").asInt()).isZero();
		assertThat(purgeFinding().get("change").asString()).isEqualTo("UNCHANGED");
		assertThat(purgeFinding().get("occurrences").asInt()).isEqualTo(2);

		// Fix the vault, but deny reading it: the scan is partial and resolves nothing.
		SIMULATOR.updateResource(BAD.vaultId,
				(vault) -> ((Map<String, Object>) vault.get("properties")).put("enablePurgeProtection", true));
		SIMULATOR.forbid(BAD.vaultId);
		JsonNode partial = scanAndWait();
		assertThat(partial.get("state").asString()).isEqualTo("PARTIAL");
		assertThat(partial.at("/counts/findingsResolved").asInt()).isZero();
		assertThat(partial.get("unreadable").toString()).containsIgnoringCase(BAD.vaultId);
		assertThat(purgeFinding().get("state").asString()).isEqualTo("OPEN");

		SIMULATOR.clearFaults();
		JsonNode complete = scanAndWait();
		assertThat(complete.get("state").asString()).as(complete.toString()).isEqualTo("SUCCEEDED");
		assertThat(complete.at("/counts/findingsResolved").asInt()).isPositive();
		assertThat(purgeFinding().get("state").asString()).isEqualTo("RESOLVED");

		// The workspace posture API reflects the latest scan.
		JsonNode workspaces = get("/api/v1/workspaces?subscription=" + SUBSCRIPTION);
		assertThat(workspaces.get("totalItems").asInt()).isEqualTo(2);
		String id = workspaces.get("items").get(0).at("/posture/id").asString();
		JsonNode posture = get("/api/v1/workspaces/" + id + "/posture");
		assertThat(posture.get("results").size()).isPositive();
		assertThat(posture.at("/summary/score").asInt()).isBetween(0, 100);
	}

	@Test
	void aScopeHasAtMostOneActiveScanAndBadRequestsAreProblems() {
		// Hold the scope with a queued scan no runner will pick up before we ask again.
		Response accepted = startScan("{\"subscriptions\":[\"" + SUBSCRIPTION
				+ "\"],\"resourceGroups\":[\"/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-good\"]}");
		assertThat(accepted.status()).isEqualTo(202);
		assertThat(accepted.header("Location")).isEqualTo("/api/v1/scans/" + accepted.json().get("id").asString());
		Response again = startScan("{\"subscriptions\":[\"" + SUBSCRIPTION.toUpperCase() + "\"],\"resourceGroups\":["
				+ "\"/subscriptions/" + SUBSCRIPTION + "/resourceGroups/RG-GOOD\"]}");
		if (again.status() == 409) {
			assertThat(again.json().get("activeScanId").asString()).isEqualTo(accepted.json().get("id").asString());
		}
		else {
			// the first one already finished; then the second is accepted
			assertThat(again.status()).isEqualTo(202);
		}
		waitFor(accepted.json().get("id").asString());

		assertThat(startScan("{\"subscriptions\":[\"not-a-guid\"]}").status()).isEqualTo(400);
		assertThat(startScan("{\"subscriptions\":[\"" + SUBSCRIPTION + "\"],\"profile\":\"LAX\"}").status())
			.isEqualTo(400);
		assertThat(startScan("{\"subscriptions\":[\"" + SUBSCRIPTION + "\"],\"workspaces\":[\"/subscriptions/"
				+ UUID.randomUUID() + "/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/x\"]}")
			.status()).isEqualTo(400);
		Response reader = this.http.post("/api/v1/scans", "application/json",
				"{\"subscriptions\":[\"" + SUBSCRIPTION + "\"]}",
				Http.bearer(this.issuer.token("reader", "Warden.Reader")));
		assertThat(reader.status()).isEqualTo(403);
		assertThat(this.http.get("/api/v1/scans/" + UUID.randomUUID(), Http.bearer(this.operator)).status())
			.isEqualTo(404);
	}

	private JsonNode purgeFinding() {
		JsonNode page = findings("&check=kv-purge-protection&resource=" + BAD.vaultId);
		assertThat(page.get("totalItems").asInt()).isEqualTo(1);
		return page.get("items").get(0);
	}

	private JsonNode findings(String filter) {
		return get("/api/v1/findings?subscription=" + SUBSCRIPTION + filter);
	}

	private JsonNode scanAndWait() {
		Response accepted = startScan("{\"subscriptions\":[\"" + SUBSCRIPTION + "\"],\"profile\":\"REGULATED\"}");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return waitFor(accepted.json().get("id").asString());
	}

	private JsonNode waitFor(String id) {
		JsonNode[] scan = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			scan[0] = get("/api/v1/scans/" + id);
			String state = scan[0].get("state").asString();
			return !state.equals("QUEUED") && !state.equals("RUNNING");
		});
		return scan[0];
	}

	private Response startScan(String body) {
		return this.http.post("/api/v1/scans", "application/json", body, Http.bearer(this.operator));
	}

	private JsonNode get(String path) {
		Response response = this.http.get(path, Http.bearer(this.operator));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SimulatedAzure {

		@Bean
		@Primary
		InventoryCollector simulatedCollector() {
			return SimulatorInventory.collector(SIMULATOR, 1.0, 8);
		}

	}

}
