package io.amlwarden.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.azure.SimulatorInventory;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.Fault;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.ServiceTest;
import io.amlwarden.support.WardenIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan against a simulator that answers about 30% of Azure reads with 429 (Retry-After
 * 1 s), 10% with 503 and 5% not at all, with ARM's read token bucket enforced: the scan
 * succeeds with exactly the results and findings of a fault-free scan of the same tenant,
 * and the retries show in the request metrics and the scan's request counts.
 */
@WardenIntegrationTest
@Import(AzureFaultSoakTests.SoakAzure.class)
class AzureFaultSoakTests extends ServiceTest {

	static final String SUBSCRIPTION = "50a10000-0000-4000-8000-0000000050a1";

	static final TenantFixture FIXTURE = new TenantFixture(LocalTokenIssuer.TENANT_ID, Instant.now());

	static {
		FIXTURE.subscription(SUBSCRIPTION);
		FIXTURE.stack(SUBSCRIPTION, "rg-soak-good", "ws-soak-good", (stack) -> {
		});
		FIXTURE.stack(SUBSCRIPTION, "rg-soak-vault", "ws-soak-vault",
				(stack) -> stack.props(stack.vault).put("enablePurgeProtection", false));
		FIXTURE.stack(SUBSCRIPTION, "rg-soak-public", "ws-soak-public",
				(stack) -> stack.props(stack.workspace).put("publicNetworkAccess", "Enabled"));
	}

	static final AzureSimulator SIMULATOR = AzureSimulator.start(FIXTURE.toJson(), 32);

	static final MeterRegistry METRICS = new SimpleMeterRegistry();

	/** Every Azure service the collector reads, not the token endpoint. */
	static final String AZURE_READS = "^(arm|graph|keyvault|msgraph) ";

	@AfterAll
	static void stop() {
		SIMULATOR.close();
	}

	@Test
	void aScanUnderThrottlingErrorsAndTimeoutsEqualsAFaultFreeScan() {
		Http http = new Http(this.port);
		String operator = this.issuer.token("soak-" + UUID.randomUUID(), "Warden.Operator");

		JsonNode clean = scan(http, operator);
		assertThat(clean.get("state").asString()).as(clean.toString()).isEqualTo("SUCCEEDED");
		Map<String, String> cleanFindings = findings();
		assertThat(cleanFindings).isNotEmpty();
		double throttledBefore = count("429");
		double unavailableBefore = count("503");

		SIMULATOR.enforceTokenBucket(true);
		Fault.soakMix(AZURE_READS).forEach(SIMULATOR::fault);
		JsonNode faulty;
		try {
			faulty = scan(http, operator);
		}
		finally {
			SIMULATOR.clearFaults();
			SIMULATOR.enforceTokenBucket(false);
		}

		assertThat(faulty.get("state").asString()).as(faulty.toString()).isEqualTo("SUCCEEDED");
		assertThat(faulty.get("counts")).as("results, failures and unknowns as without faults")
			.isEqualTo(withoutFindingChanges(clean.get("counts")));
		assertThat(faulty.at("/counts/findingsOpened").asInt()).isZero();
		assertThat(faulty.at("/counts/findingsResolved").asInt()).isZero();
		assertThat(findings()).as("findings and fingerprints").isEqualTo(cleanFindings);
		// The retries are visible: more requests than the fault-free scan, and the
		// metrics count the 429s and 503s Azure answered.
		long cleanRequests = clean.at("/requests/arm").asLong() + clean.at("/requests/resourceGraph").asLong()
				+ clean.at("/requests/keyVault").asLong();
		long faultyRequests = faulty.at("/requests/arm").asLong() + faulty.at("/requests/resourceGraph").asLong()
				+ faulty.at("/requests/keyVault").asLong();
		assertThat(faultyRequests).isGreaterThan(cleanRequests);
		assertThat(faulty.at("/requests/throttled").asLong()).isPositive();
		assertThat(count("429") - throttledBefore).isPositive();
		assertThat(count("503") - unavailableBefore).isPositive();
		Reliability.record("azure-fault-soak.scan",
				Map.of("requestsFaultFree", cleanRequests, "requestsUnderFaults", faultyRequests, "throttled",
						faulty.at("/requests/throttled").asLong(), "http429", (long) (count("429") - throttledBefore),
						"http503", (long) (count("503") - unavailableBefore), "durationSeconds",
						faulty.get("durationSeconds").asDouble()));
	}

	private static JsonNode withoutFindingChanges(JsonNode counts) {
		tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) counts.deepCopy();
		copy.put("findingsOpened", 0);
		copy.put("findingsRegressed", 0);
		copy.put("findingsResolved", 0);
		return copy;
	}

	private double count(String status) {
		return METRICS.find("warden.azure.requests")
			.tag("status", status)
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	private Map<String, String> findings() {
		Map<String, String> findings = new TreeMap<>();
		this.jdbc.query("SELECT fingerprint, state FROM finding WHERE lower(subscription_id) = ?", (rs) -> {
			findings.put(rs.getString("fingerprint"), rs.getString("state"));
		}, SUBSCRIPTION);
		return findings;
	}

	private static JsonNode scan(Http http, String operator) {
		Response accepted = http.post("/api/v1/scans", "application/json",
				"{\"subscriptions\":[\"" + SUBSCRIPTION + "\"],\"profile\":\"REGULATED\"}", Http.bearer(operator));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		JsonNode[] scan = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
			scan[0] = http.get("/api/v1/scans/" + id, Http.bearer(operator)).json();
			String state = scan[0].get("state").asString();
			return !state.equals("QUEUED") && !state.equals("RUNNING");
		});
		return scan[0];
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SoakAzure {

		@Bean
		@Primary
		InventoryCollector soakCollector() {
			// A larger retry budget than production's 4: at a 40% failure rate per
			// attempt, 4 retries leave about 1% of reads failed (the scan would then be
			// PARTIAL, which ScanIntegrationTests covers); here every read must get
			// through.
			return SimulatorInventory.collector(SIMULATOR, 10, Duration.ofSeconds(1), METRICS);
		}

	}

}
