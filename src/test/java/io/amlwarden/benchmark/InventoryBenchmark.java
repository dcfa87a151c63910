package io.amlwarden.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.amlwarden.azure.SimulatorInventory;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory benchmark (not part of {@code ./mvnw verify}; run it with the command in
 * {@code docs/benchmarks.md}). For each size it seeds the simulator with workspace stacks
 * (own vault, CMK key, storage account, registry, 5 role assignments each), adds 20 ms
 * latency per request, enforces ARM's read bucket (250 burst, 25/s per subscription) and
 * collects the inventory; then runs a per-resource baseline (list, then GET every
 * workspace, vault, key, rotation policy, storage account, registry and diagnostic
 * setting) in the same harness. Latency and refill run on a clock scaled by
 * {@code -Dbenchmark.scale} (default 1, real time); every figure printed is in real-time
 * units.
 */
class InventoryBenchmark {

	private static final Logger logger = LoggerFactory.getLogger(InventoryBenchmark.class);

	private final double scale = Double.parseDouble(System.getProperty("benchmark.scale", "1"));

	@Test
	void benchmark() throws Exception {
		String sizes = System.getProperty("benchmark.sizes", "1000x1,10000x20");
		List<String> modes = List.of(System.getProperty("benchmark.modes", "warden,baseline").split(","));
		for (String size : sizes.split(",")) {
			String[] parts = size.split("x");
			if (modes.contains("warden")) {
				run(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), false);
			}
			if (modes.contains("baseline")) {
				run(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), true);
			}
		}
	}

	private void run(int workspaces, int subscriptionCount, boolean baseline) throws Exception {
		TenantFixture fixture = new TenantFixture("72f988bf-0000-4000-8000-0000000000be", Instant.now());
		List<String> subscriptions = new ArrayList<>();
		for (int s = 0; s < subscriptionCount; s++) {
			String subscription = String.format("00000000-0000-4000-8000-%012d", s + 1);
			subscriptions.add(subscription);
			fixture.subscription(subscription);
		}
		for (int i = 0; i < workspaces; i++) {
			String subscription = subscriptions.get(i % subscriptionCount);
			TenantFixture.Stack stack = fixture.stack(subscription, "rg-" + (i / 100), "ws" + i, (s) -> {
				s.appInsights = null;
				s.props(s.workspace).remove("applicationInsights");
			});
			for (int a = 0; a < 4; a++) {
				stack.assignments.add(new String[] { stack.workspaceId, TenantFixture.AZUREML_DATA_SCIENTIST,
						String.format("00000000-aaaa-4000-8000-%012d", i * 4 + a), "User" });
			}
		}
		System.gc();
		resetPeaks();
		try (AzureSimulator simulator = AzureSimulator.start(fixture.toJson(), 200)) {
			simulator.latency(20).clockScale(this.scale).enforceTokenBucket(true).armPageSize(1000);
			long liveBefore = liveHeap();
			long snapshotBytes = 0;
			long started = System.nanoTime();
			long failed;
			if (baseline) {
				failed = new PerResourceBaseline(simulator, subscriptions).run();
			}
			else {
				TenantSnapshot snapshot = SimulatorInventory.collector(simulator, this.scale, 8)
					.collect(InventoryScope.subscriptions(subscriptions));
				failed = snapshot.readFailures().size();
				if (snapshot.workspaces().size() != workspaces) {
					throw new IllegalStateException("Collected " + snapshot.workspaces().size() + " workspaces");
				}
				// The full collections below are not part of the wall time.
				long measuring = System.nanoTime();
				long liveAfter = liveHeap();
				started += System.nanoTime() - measuring;
				snapshotBytes = Math.max(0, liveAfter - liveBefore);
				if (snapshot.workspaces().isEmpty()) {
					throw new IllegalStateException("keeps the snapshot reachable until measured");
				}
			}
			double wall = (System.nanoTime() - started) / 1e9 * this.scale;
			long arm = simulator.count("arm");
			long graph = simulator.count("graph");
			long keyVault = simulator.count("keyvault");
			long throttled = simulator.counts()
				.entrySet()
				.stream()
				.filter((e) -> e.getKey().startsWith("arm "))
				.mapToLong(Map.Entry::getValue)
				.sum() - successfulArm(simulator);
			double floor = 0;
			long perSubscription = (arm + keyVault) / subscriptionCount;
			floor = Math.max(0, perSubscription - 250) / 25.0;
			String line = String.format(java.util.Locale.ROOT,
					"{\"mode\":\"%s\",\"workspaces\":%d,\"subscriptions\":%d,\"armRequests\":%d,\"graphRequests\":%d,"
							+ "\"keyVaultRequests\":%d,\"requestsPerWorkspace\":%.2f,\"throttleFloorSeconds\":%.1f,"
							+ "\"wallSeconds\":%.1f,\"throttled\":%d,\"failedReads\":%d,\"heapPeakMb\":%d,"
							+ "\"liveBeforeMb\":%d,\"snapshotHeapMb\":%d,\"heapMaxMb\":%d,\"clockScale\":%.0f}",
					baseline ? "per-resource-baseline" : "warden", workspaces, subscriptionCount, arm, graph, keyVault,
					(arm + keyVault) / (double) workspaces, floor, wall, Math.max(0, throttled), failed, heapPeakMb(),
					liveBefore / (1024 * 1024), snapshotBytes / (1024 * 1024),
					Runtime.getRuntime().maxMemory() / (1024 * 1024), this.scale);
			logger.info("BENCHMARK {}", line);
			System.out.println(line);
		}
	}

	private static long successfulArm(AzureSimulator simulator) {
		return simulator.count("arm") - simulator.throttledCount();
	}

	/**
	 * Heap in use after full collections: what is actually retained.
	 */
	private static long liveHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
	}

	private static long heapPeakMb() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1024 * 1024);
	}

	/**
	 * The design the issue measures against: list workspaces per subscription, then GET
	 * each workspace, vault, key, rotation policy, storage account, registry and each
	 * diagnostic setting, honouring 429 Retry-After, 8 requests in flight per
	 * subscription.
	 */
	private final class PerResourceBaseline {

		private final AzureSimulator simulator;

		private final List<String> subscriptions;

		private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(32)).build();

		private final AtomicLong failed = new AtomicLong();

		PerResourceBaseline(AzureSimulator simulator, List<String> subscriptions) {
			this.simulator = simulator;
			this.subscriptions = subscriptions;
		}

		long run() throws Exception {
			ExecutorService pool = Executors.newFixedThreadPool(8 * this.subscriptions.size());
			List<Future<?>> futures = new ArrayList<>();
			for (String subscription : this.subscriptions) {
				Map<String, Object> list = get("management.azure.com", "/subscriptions/" + subscription
						+ "/providers/Microsoft.MachineLearningServices/workspaces?api-version=2025-09-01");
				for (Object item : (List<?>) list.get("value")) {
					String id = (String) ((Map<?, ?>) item).get("id");
					futures.add(pool.submit(() -> perWorkspace(id)));
				}
			}
			for (Future<?> future : futures) {
				future.get();
			}
			pool.shutdownNow();
			return this.failed.get();
		}

		@SuppressWarnings("unchecked")
		private void perWorkspace(String id) {
			Map<String, Object> ws = get("management.azure.com", id + "?api-version=2025-09-01");
			Map<String, Object> p = (Map<String, Object>) ws.get("properties");
			if (p == null) {
				// The workspace read itself failed (counted); nothing to follow.
				return;
			}
			String vault = (String) p.get("keyVault");
			String storage = (String) p.get("storageAccount");
			String registry = (String) p.get("containerRegistry");
			get("management.azure.com", vault + "?api-version=2025-05-01");
			get("management.azure.com", vault + "/keys/cmk?api-version=2025-05-01");
			get("management.azure.com", vault + "/keys/cmk/versions?api-version=2025-05-01");
			get("management.azure.com", storage + "?api-version=2025-06-01");
			get("management.azure.com", registry + "?api-version=2023-07-01");
			for (String target : List.of(id, vault, storage, registry)) {
				get("management.azure.com",
						target + "/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview");
			}
		}

		private Map<String, Object> get(String host, String path) {
			for (int attempt = 0; attempt < 20; attempt++) {
				try {
					HttpResponse<byte[]> response = this.http
						.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.simulator.port() + path))
							.header(AzureSimulator.ORIGINAL_HOST, host)
							.header("Authorization", "Bearer baseline")
							.GET()
							.build(), HttpResponse.BodyHandlers.ofByteArray());
					if (response.statusCode() == 429) {
						// Like the SDK: the millisecond header first (the simulator
						// scales
						// it with its clock), then Retry-After in seconds.
						String millis = response.headers().firstValue("x-ms-retry-after-ms").orElse(null);
						long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"));
						Thread.sleep((millis != null) ? Long.parseLong(millis) : seconds * 1000);
						continue;
					}
					if (response.statusCode() != 200) {
						this.failed.incrementAndGet();
						return Map.of();
					}
					return tools.jackson.databind.json.JsonMapper.builder()
						.build()
						.readValue(response.body(), Map.class);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				catch (java.io.IOException ex) {
					// retry
				}
			}
			this.failed.incrementAndGet();
			return Map.of();
		}

	}

}
