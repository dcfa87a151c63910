package io.amlwarden.reliability.replicas;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.azure.core.http.HttpClient;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.Fault;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.rotation.RotationFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of {@value #BATCH} due rotations (each key used by two workspaces and a pinned
 * storage account) runs while the simulator answers about 30% of all Azure calls (reads,
 * Key Vault rotate, PATCHes, long-running operation polls) with 429 (Retry-After 1 s),
 * 10% with 503 and 5% not at all, with ARM's read token bucket enforced. The result
 * equals that of a fault-free batch run first: every rotation VERIFIED with the same
 * history, one new version per key, every dependent on it; nothing is recorded as done
 * that Azure does not show; and the retries show in the request metrics.
 */
class RotationFaultSoakTests {

	static final int BATCH = 20;

	static final int WORKSPACES = 2;

	static final String SUBSCRIPTION = "50a10000-0000-4000-8000-0000000050a7";

	static final List<TenantFixture.Stack> CLEAN = new ArrayList<>();

	static final List<TenantFixture.Stack> FAULTY = new ArrayList<>();

	static final AzureSimulator SIMULATOR;

	static {
		TenantFixture fixture = new TenantFixture(Replicas.TENANT, Instant.now()).subscription(SUBSCRIPTION);
		for (int i = 0; i < BATCH; i++) {
			CLEAN.add(RotationFixtures.stack(fixture, SUBSCRIPTION, String.format("clean%02d", i), WORKSPACES, true));
			FAULTY.add(RotationFixtures.stack(fixture, SUBSCRIPTION, String.format("fault%02d", i), WORKSPACES, true));
		}
		// Every injected timeout holds a simulator thread (for 10 minutes): room for
		// them.
		SIMULATOR = AzureSimulator.start(fixture.toJson(), 256);
	}

	static final String AZURE_CALLS = "^(arm|graph|keyvault|msgraph) ";

	/** Retries and lease takeovers are how faults show; everything else must match. */
	static final Set<String> FAULT_EVENTS = Set.of("RETRY_SCHEDULED", "LEASE_TAKEN_OVER");

	@AfterAll
	static void stop() {
		SIMULATOR.close();
	}

	@Test
	void aRotationBatchUnderThrottlingErrorsAndTimeoutsEqualsAFaultFreeBatch() throws Exception {
		String database = Replicas.freshDatabase("rotsoak");
		Map<String, String> properties = Replicas.azureProperties(SUBSCRIPTION);
		// Driven by hand below, tick by tick.
		properties.put("warden.scheduling.enabled", "false");
		// A larger retry budget than production's 4 (see AzureFaultSoakTests) and short
		// attempts, so that injected timeouts cost a second each.
		properties.put("warden.azure.limits.max-retries", "10");
		properties.put("warden.azure.limits.retry-base-delay", "50ms");
		properties.put("warden.azure.limits.retry-max-delay", "2s");
		properties.put("warden.azure.limits.response-timeout", "1s");
		properties.put("warden.rotation.workers", "20");
		properties.put("warden.rotation.retry-base", "1s");
		properties.put("warden.rotation.retry-max", "2s");
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		Map<String, Object> figures = new LinkedHashMap<>();
		try {
			ConfigurableApplicationContext instance = Replicas.start(database, properties, SoakAzure.class);
			instances.add(instance);
			Http http = new Http(Replicas.port(instance));
			// An Admin: these policies rotate without approval, which only an Admin may
			// set.
			String admin = LocalTokenIssuer.shared().token("soak-admin", "Warden.Admin");
			MeterRegistry metrics = instance.getBean(MeterRegistry.class);

			policies(http, admin, CLEAN);
			SIMULATOR.resetCounts();
			long cleanStarted = System.nanoTime();
			runBatch(instance, database, CLEAN, 60_000);
			figures.put("faultFreeSeconds", (System.nanoTime() - cleanStarted) / 1_000_000_000.0);
			figures.put("faultFreeRequests", azureRequests());

			policies(http, admin, FAULTY);
			SIMULATOR.resetCounts();
			double throttledBefore = count(metrics, "429");
			double unavailableBefore = count(metrics, "503");
			SIMULATOR.enforceTokenBucket(true);
			Fault.soakMix(AZURE_CALLS).forEach(SIMULATOR::fault);
			long faultyStarted = System.nanoTime();
			try {
				runBatch(instance, database, FAULTY, 240_000);
			}
			finally {
				SIMULATOR.clearFaults();
				SIMULATOR.enforceTokenBucket(false);
			}
			figures.put("underFaultsSeconds", (System.nanoTime() - faultyStarted) / 1_000_000_000.0);
			figures.put("underFaultsRequests", azureRequests());
			figures.put("throttledByTokenBucket", SIMULATOR.throttledCount());
			double http429 = count(metrics, "429") - throttledBefore;
			double http503 = count(metrics, "503") - unavailableBefore;
			figures.put("http429", (long) http429);
			figures.put("http503", (long) http503);
			assertThat(http429).as("429 answers counted in warden.azure.requests").isPositive();
			assertThat(http503).as("503 answers counted in warden.azure.requests").isPositive();
			assertThat((long) figures.get("underFaultsRequests")).as("retries add requests")
				.isGreaterThan((long) figures.get("faultFreeRequests"));

			// Both batches: every rotation verified, exactly one new version per key,
			// every dependent on it, and the same history once the retries are set aside.
			List<String> cleanHistory = verify(database, CLEAN, null);
			List<String> faultyHistory = verify(database, FAULTY, cleanHistory);
			figures.put("history", cleanHistory);
			figures.put("retriesScheduled",
					Replicas.count(database, "SELECT count(*) FROM rotation_event WHERE type = 'RETRY_SCHEDULED'"));
			assertThat(faultyHistory).isEqualTo(cleanHistory);
		}
		finally {
			Replicas.closeAll(instances);
		}
		Replicas.record("azure-fault-soak.rotation-batch", figures);
		System.out.println("azure-fault-soak.rotation-batch " + figures);
	}

	private static void policies(Http http, String admin, List<TenantFixture.Stack> stacks) {
		for (TenantFixture.Stack stack : stacks) {
			Response created = http.post("/api/v1/rotation-policies", "application/json", """
					{"name": "rotate %s", "vaultId": "%s", "keyName": "cmk", "rotationPeriod": "P7D",
					 "maxJitter": "PT0S"}
					""".formatted(stack.resourceGroup, stack.vaultId), Http.bearer(admin));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
		}
	}

	/** Plan and work ticks, as the scheduled jobs make them, until the batch is done. */
	private static void runBatch(ConfigurableApplicationContext instance, String database,
			List<TenantFixture.Stack> stacks, long timeoutMillis) throws Exception {
		String keys = keyList(stacks);
		Replicas.await("the batch to finish", timeoutMillis, () -> {
			// Four planners at once, as the planners of four replicas would run without
			// ShedLock (each policy is claimed with FOR UPDATE SKIP LOCKED): planning is
			// sequential within one planner, and each plan makes several Azure reads.
			ExecutorService threads = Executors.newFixedThreadPool(4);
			try {
				List<CompletableFuture<Integer>> planners = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					planners.add(CompletableFuture.supplyAsync(() -> RotationFixtures.planDue(instance, 100), threads));
				}
				planners.forEach(CompletableFuture::join);
			}
			finally {
				threads.shutdown();
			}
			RotationFixtures.drain(instance);
			return Replicas.count(database, "SELECT count(*) FROM rotation WHERE key_id IN (" + keys
					+ ") AND status IN ('VERIFIED', 'FAILED', 'ROLLED_BACK')") == stacks.size();
		});
	}

	/**
	 * Checks a batch against the simulator; returns the (common) history of its
	 * rotations, without the events faults add.
	 */
	private static List<String> verify(String database, List<TenantFixture.Stack> stacks, List<String> expectedHistory)
			throws Exception {
		List<String> history = null;
		for (TenantFixture.Stack stack : stacks) {
			String keyId = stack.vaultId.toLowerCase(Locale.ROOT) + "/keys/cmk";
			List<Map<String, Object>> rotations = Replicas.rows(database,
					"SELECT id, status, to_kid, to_version, error FROM rotation WHERE key_id = '" + keyId + "'");
			assertThat(rotations).as("rotations of %s", keyId).hasSize(1);
			Map<String, Object> rotation = rotations.get(0);
			assertThat(rotation.get("status")).as("%s", rotation).isEqualTo("VERIFIED");
			List<String> versions = SIMULATOR.keyVersions(stack.vaultId, "cmk");
			assertThat(versions).as("versions of %s", keyId).hasSize(2);
			assertThat(rotation.get("to_version")).isEqualTo(versions.get(1));
			// Nothing recorded as done that Azure does not show.
			for (Map<String, Object> dependent : Replicas.rows(database,
					"SELECT resource_id, kind, state, after_kid FROM rotation_dependent WHERE rotation_id = '"
							+ rotation.get("id") + "'")) {
				assertThat(dependent.get("state")).as("%s", dependent).isEqualTo("VERIFIED");
				assertThat(dependent.get("after_kid")).isEqualTo(rotation.get("to_kid"));
				String resource = (String) dependent.get("resource_id");
				if ("WORKSPACE".equals(dependent.get("kind"))) {
					assertThat(RotationFixtures.keyIdentifier(SIMULATOR, resource)).as(resource)
						.isEqualTo(rotation.get("to_kid"));
				}
				else {
					assertThat(RotationFixtures.storageKeyVersion(SIMULATOR, resource)).as(resource)
						.isEqualTo(versions.get(1));
				}
			}
			assertThat(Replicas.count(database,
					"SELECT count(*) FROM rotation_dependent WHERE rotation_id = '" + rotation.get("id") + "'"))
				.isEqualTo(WORKSPACES + 1);
			List<String> events = Replicas
				.rows(database,
						"SELECT type FROM rotation_event WHERE rotation_id = '" + rotation.get("id") + "' ORDER BY id")
				.stream()
				.map((row) -> (String) row.get("type"))
				.filter((type) -> !FAULT_EVENTS.contains(type))
				.toList();
			if (history == null) {
				history = events;
			}
			assertThat(events).as("history of %s", keyId).isEqualTo(history);
			if (expectedHistory != null) {
				assertThat(events).as("history of %s against the fault-free batch", keyId).isEqualTo(expectedHistory);
			}
		}
		return history;
	}

	private static String keyList(List<TenantFixture.Stack> stacks) {
		return String.join(",",
				stacks.stream().map((s) -> "'" + s.vaultId.toLowerCase(Locale.ROOT) + "/keys/cmk'").toList());
	}

	private static long azureRequests() {
		return SIMULATOR.count("arm") + SIMULATOR.count("keyvault") + SIMULATOR.count("graph");
	}

	private static double count(MeterRegistry metrics, String status) {
		return metrics.find("warden.azure.requests")
			.tag("status", status)
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SoakAzure {

		@Bean
		@Primary
		HttpClient rotationSoakSimulatorHttpClient() {
			return Replicas.httpClient(SIMULATOR, Duration.ofSeconds(1));
		}

	}

}
