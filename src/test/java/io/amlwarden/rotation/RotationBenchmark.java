package io.amlwarden.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation benchmark (not part of {@code ./mvnw verify}: the class name matches no
 * Surefire pattern; run it with the command in {@code docs/rotation.md}). Seeds the
 * simulator with N workspace stacks (own vault and key, one workspace, a pinned storage
 * account), creates N due policies, adds a fixed latency to every simulated request, then
 * plans and executes every rotation with two replicas over one database and prints one
 * JSON line: rotations/s, Key Vault and ARM requests per rotation, and p50/p95/max
 * rotation duration (start of execution to VERIFIED).
 */
class RotationBenchmark {

	@Test
	void benchmark() throws Exception {
		int rotations = Integer.getInteger("benchmark.rotations", 1000);
		long latency = Long.getLong("benchmark.latency", 20);
		int planners = Integer.getInteger("benchmark.planners", 8);
		int workers = Integer.getInteger("benchmark.workers", 16);
		String subscription = "00000000-0000-4000-8000-0000000000b1";
		TenantFixture fixture = RotationFixtures.tenant(subscription);
		List<TenantFixture.Stack> stacks = new ArrayList<>();
		for (int i = 0; i < rotations; i++) {
			stacks.add(RotationFixtures.stack(fixture, subscription, String.format("bm%05d", i), 1, true));
		}
		RotationProperties d = RotationHarness.fastProperties();
		RotationProperties properties = new RotationProperties(d.subscriptions(), d.planInterval(), d.workInterval(),
				workers, 50, d.lease(), d.workspaceUpdateTimeout(), d.propagationRecheck(), d.propagationMaxWait(),
				d.maxAttempts(), d.retryBase(), d.retryMax(), d.deferBase(), d.deferMax(), d.planTtl(), d.approvalTtl(),
				d.defaultMaxJitter(), d.defaultNotifyBefore(), d.outOfBandQuietPeriod(), d.inventoryMaxAge(),
				d.identity(), d.watchInterval(), d.planInitialDelay(), d.workInitialDelay(), d.watchInitialDelay(),
				d.approval());
		try (AzureSimulator simulator = AzureSimulator.start(fixture.toJson(), 128).longRunning(1, 0);
				RotationHarness harness = RotationHarness.start(simulator, Clock.systemUTC(), properties)) {
			RotationHarness.Replica a = harness.replica();
			RotationHarness.Replica b = harness.replica();
			for (TenantFixture.Stack stack : stacks) {
				a.policy(RotationFixtures.keyPolicy(stack, "P7D"));
			}
			// Warm the inventory snapshot and the SDK clients before timing.
			a.plans.assess(new PlanView.KeyRef(stacks.get(0).vaultId, stacks.get(0).vaultUri, "cmk",
					Policy.keyId(stacks.get(0).vaultId, "cmk")));
			b.plans.assess(new PlanView.KeyRef(stacks.get(0).vaultId, stacks.get(0).vaultUri, "cmk",
					Policy.keyId(stacks.get(0).vaultId, "cmk")));
			simulator.resetCounts();
			simulator.latency(latency);

			Instant start = Instant.now();
			ExecutorService pool = Executors.newFixedThreadPool(planners * 2 + 2);
			List<Future<?>> tasks = new ArrayList<>();
			for (RotationHarness.Replica replica : List.of(a, b)) {
				for (int p = 0; p < planners; p++) {
					tasks.add(pool.submit(() -> replica.scheduler.planDue(rotations)));
				}
				tasks.add(pool.submit(() -> {
					// Work while planning goes on, then until nothing is left.
					long idle = 0;
					while (idle < 3) {
						idle = (replica.worker.drain() == 0) ? idle + 1 : 0;
						sleep(100);
					}
				}));
			}
			for (Future<?> task : tasks) {
				task.get();
			}
			a.worker.drain();
			b.worker.drain();
			Duration wall = Duration.between(start, Instant.now());
			pool.shutdownNow();

			long verified = harness.count("SELECT count(*) FROM rotation WHERE status = 'VERIFIED'");
			List<Long> durations = harness.jdbc
				.queryForList("SELECT (extract(epoch FROM finished_at - started_at) * 1000)::bigint FROM rotation "
						+ "WHERE status = 'VERIFIED' ORDER BY 1", Long.class);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("benchmark", "rotation");
			result.put("rotations", rotations);
			result.put("verified", verified);
			result.put("replicas", 2);
			result.put("workersPerReplica", workers);
			result.put("plannerThreadsPerReplica", planners);
			result.put("latencyMillisPerRequest", latency);
			result.put("wallSeconds", wall.toMillis() / 1000.0);
			result.put("rotationsPerSecond", Math.round(verified * 10000.0 / Math.max(1, wall.toMillis())) / 10.0);
			result.put("keyVaultRequestsPerRotation", perRotation(simulator.count("keyvault"), verified));
			result.put("armRequestsPerRotation", perRotation(simulator.count("arm"), verified));
			result.put("keyVaultRotateCalls", simulator.count("keyvault", "POST", "rotate"));
			result.put("p50RotationMillis", percentile(durations, 0.50));
			result.put("p95RotationMillis", percentile(durations, 0.95));
			result.put("maxRotationMillis", durations.isEmpty() ? 0 : durations.get(durations.size() - 1));
			System.out.println("ROTATION-BENCHMARK " + JsonMapper.builder().build().writeValueAsString(result));
			System.out.println("ROTATION-BENCHMARK-EVENTS " + harness.jdbc
				.queryForList("SELECT type, count(*) AS n FROM rotation_event GROUP BY type ORDER BY type"));
			System.out.println("ROTATION-BENCHMARK-REQUESTS " + simulator.counts());
			assertThat(verified).isEqualTo(rotations);
			assertThat(simulator.count("keyvault", "POST", "rotate")).isEqualTo(rotations);
		}
	}

	private static double perRotation(long requests, long rotations) {
		return Math.round(requests * 100.0 / Math.max(1, rotations)) / 100.0;
	}

	private static long percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
