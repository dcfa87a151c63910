package io.amlwarden.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.azure.SimulatorInventory;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.simulator.AzureSimulator;
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
 * <p>
 * By default ({@code -Dbenchmark.simulator=fork}) the simulator runs in a JVM of its own
 * ({@link SimulatorProcess}), so that this JVM's heap figures are the collector's alone
 * and its {@code -Xmx} (the profile's {@code benchmark.heap}, 512m) is the bound the
 * service is held to; {@code inprocess} keeps it in this JVM. Before the first size a
 * small collection from a separate, small simulator warms this JVM up (class loading,
 * JIT), as a running service is when a scan starts; its wall time is printed as
 * {@code warmupSeconds}.
 */
class InventoryBenchmark {

	private static final Logger logger = LoggerFactory.getLogger(InventoryBenchmark.class);

	private final double scale = Double.parseDouble(System.getProperty("benchmark.scale", "1"));

	private final boolean fork = !"inprocess".equals(System.getProperty("benchmark.simulator", "fork"));

	private double warmupSeconds = -1;

	@Test
	void benchmark() throws Exception {
		String sizes = System.getProperty("benchmark.sizes", "1000x1,10000x20");
		List<String> modes = List.of(System.getProperty("benchmark.modes", "warden,baseline").split(","));
		if (!"false".equals(System.getProperty("benchmark.warmup", "true"))) {
			warmUp();
		}
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

	/**
	 * Collects 40 workspaces in 2 subscriptions from a small in-process simulator: the
	 * SDK's classes are loaded and its hot paths compiled before the measured run, whose
	 * simulator (and client-side buckets) this does not touch.
	 */
	private void warmUp() {
		try (AzureSimulator simulator = AzureSimulator.start(BenchmarkTenant.fixture(40, 2).toJson(), 32)) {
			simulator.latency(20).clockScale(this.scale).enforceTokenBucket(true).armPageSize(1000);
			long started = System.nanoTime();
			TenantSnapshot snapshot = SimulatorInventory
				.collector(simulator.port(), simulator.tenantId(), this.scale, 8)
				.collect(InventoryScope.subscriptions(BenchmarkTenant.subscriptions(2)));
			this.warmupSeconds = (System.nanoTime() - started) / 1e9;
			if (snapshot.workspaces().size() != 40) {
				throw new IllegalStateException("Warm-up collected " + snapshot.workspaces().size() + " workspaces");
			}
		}
	}

	private void run(int workspaces, int subscriptionCount, boolean baseline) throws Exception {
		List<String> subscriptions = BenchmarkTenant.subscriptions(subscriptionCount);
		try (Simulated simulator = this.fork ? Forked.start(workspaces, subscriptionCount, this.scale)
				: InProcess.start(workspaces, subscriptionCount, this.scale)) {
			long liveBefore = liveHeap();
			resetPeaks();
			long gcBefore = gcMillis();
			long snapshotBytes = 0;
			String load = loadAverage();
			long started = System.nanoTime();
			Thread tracer = trace(simulator, started);
			long failed;
			long measuring = 0;
			if (baseline) {
				failed = new PerResourceBaseline(simulator.port(), subscriptions).run();
			}
			else {
				InventoryCollector collector = SimulatorInventory.collector(simulator.port(), simulator.tenantId(),
						this.scale, 8);
				TenantSnapshot snapshot = collector.collect(InventoryScope.subscriptions(subscriptions));
				failed = snapshot.readFailures().size();
				if (snapshot.workspaces().size() != workspaces) {
					throw new IllegalStateException("Collected " + snapshot.workspaces().size() + " workspaces");
				}
				// The full collections below are not part of the wall time.
				measuring = System.nanoTime();
				long liveAfter = liveHeap();
				snapshotBytes = Math.max(0, liveAfter - liveBefore);
				if (snapshot.workspaces().isEmpty()) {
					throw new IllegalStateException("keeps the snapshot reachable until measured");
				}
			}
			long ended = (measuring != 0) ? measuring : System.nanoTime();
			double wall = (ended - started) / 1e9 * this.scale;
			long gc = gcMillis() - gcBefore;
			if (tracer != null) {
				tracer.interrupt();
			}
			long[] counts = simulator.counts();
			long arm = counts[0];
			long graph = counts[1];
			long keyVault = counts[2];
			long throttled = counts[3];
			long perSubscription = (arm + keyVault) / subscriptionCount;
			double floor = Math.max(0, perSubscription - 250) / 25.0;
			String line = String.format(Locale.ROOT,
					"{\"mode\":\"%s\",\"workspaces\":%d,\"subscriptions\":%d,\"armRequests\":%d,\"graphRequests\":%d,"
							+ "\"keyVaultRequests\":%d,\"requestsPerWorkspace\":%.2f,\"throttleFloorSeconds\":%.1f,"
							+ "\"wallSeconds\":%.1f,\"wallOverFloor\":%.2f,\"throttled\":%d,\"failedReads\":%d,"
							+ "\"heapPeakMb\":%d,\"liveBeforeMb\":%d,\"snapshotHeapMb\":%d,\"heapMaxMb\":%d,"
							+ "\"gcSeconds\":%.1f,\"simulator\":\"%s\",\"simulatorLiveMb\":%d,\"simulatorHeapPeakMb\":%d,"
							+ "\"warmupSeconds\":%.1f,\"clockScale\":%s,\"loadAverageBefore\":\"%s\","
							+ "\"loadAverageAfter\":\"%s\"}",
					baseline ? "per-resource-baseline" : "warden", workspaces, subscriptionCount, arm, graph, keyVault,
					(arm + keyVault) / (double) workspaces, floor, wall, (floor > 0) ? wall / floor : 0, throttled,
					failed, HeapPeak.megabytes(), liveBefore / (1024 * 1024), snapshotBytes / (1024 * 1024),
					Runtime.getRuntime().maxMemory() / (1024 * 1024), gc / 1000.0,
					this.fork ? "forked JVM" : "in process", simulator.liveMb(), counts[4], this.warmupSeconds,
					(this.scale == Math.rint(this.scale)) ? Long.toString((long) this.scale)
							: Double.toString(this.scale),
					load, loadAverage());
			logger.info("BENCHMARK {}", line);
			System.out.println(line);
		}
	}

	/**
	 * The three load averages of {@code /proc/loadavg} (other builds share the cores).
	 */
	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return String.format(Locale.ROOT, "%.2f",
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	/**
	 * With {@code -Dbenchmark.trace=true}, prints once a second (real time) the requests
	 * the simulator has received so far and this JVM's GC time: where a run loses time.
	 */
	private static Thread trace(Simulated simulator, long started) {
		if (!Boolean.getBoolean("benchmark.trace")) {
			return null;
		}
		Thread thread = new Thread(() -> {
			try {
				while (true) {
					Thread.sleep(1000);
					long[] counts = simulator.counts();
					System.out.printf(Locale.ROOT, "TRACE t=%.1f arm=%d graph=%d throttled=%d gcMs=%d%n",
							(System.nanoTime() - started) / 1e9, counts[0], counts[1], counts[3], gcMillis());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "benchmark-trace");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static long gcMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionTime)
			.sum();
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

	/**
	 * The simulator, in this JVM or another.
	 */
	private interface Simulated extends AutoCloseable {

		int port();

		String tenantId();

		/** ARM, Graph, Key Vault requests, 429s, the simulator JVM's heap peak (MB). */
		long[] counts();

		/** Heap the simulator and its tenant retain (MB, its own JVM only). */
		long liveMb();

		@Override
		void close();

	}

	private static final class InProcess implements Simulated {

		private final AzureSimulator simulator;

		private InProcess(AzureSimulator simulator) {
			this.simulator = simulator;
		}

		static InProcess start(int workspaces, int subscriptions, double scale) {
			AzureSimulator simulator = AzureSimulator.start(BenchmarkTenant.fixture(workspaces, subscriptions).toJson(),
					200);
			simulator.latency(20).clockScale(scale).enforceTokenBucket(true).armPageSize(1000);
			return new InProcess(simulator);
		}

		@Override
		public int port() {
			return this.simulator.port();
		}

		@Override
		public String tenantId() {
			return this.simulator.tenantId();
		}

		@Override
		public long[] counts() {
			return new long[] { this.simulator.count("arm"), this.simulator.count("graph"),
					this.simulator.count("keyvault"), this.simulator.throttledCount(), -1 };
		}

		@Override
		public long liveMb() {
			return -1;
		}

		@Override
		public void close() {
			this.simulator.close();
		}

	}

	/**
	 * {@link SimulatorProcess} in a child JVM, on this JVM's class path.
	 */
	private static final class Forked implements Simulated {

		private final Process process;

		private final BufferedReader out;

		private final Writer in;

		private final int port;

		private final String tenantId;

		private final long liveMb;

		private Forked(Process process) throws IOException {
			this.process = process;
			this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
			String[] ready = expect("READY ");
			this.port = Integer.parseInt(ready[1]);
			this.tenantId = ready[2];
			this.liveMb = Long.parseLong(ready[3]);
		}

		static Forked start(int workspaces, int subscriptions, double scale) throws IOException {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process process = new ProcessBuilder(java, "-Xmx" + System.getProperty("benchmark.simulatorHeap", "2g"),
					"-Duser.timezone=UTC", "-cp", System.getProperty("java.class.path"),
					SimulatorProcess.class.getName(), Integer.toString(workspaces), Integer.toString(subscriptions),
					Double.toString(scale))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			return new Forked(process);
		}

		/** Reads output lines until one starts with the prefix; others are logging. */
		private String[] expect(String prefix) throws IOException {
			String line;
			while ((line = this.out.readLine()) != null) {
				if (line.startsWith(prefix)) {
					return line.split(" ");
				}
			}
			throw new IOException("Simulator process ended before printing " + prefix.trim());
		}

		@Override
		public int port() {
			return this.port;
		}

		@Override
		public String tenantId() {
			return this.tenantId;
		}

		@Override
		public synchronized long[] counts() {
			try {
				this.in.write("counts\n");
				this.in.flush();
				String[] counts = expect("COUNTS ");
				long[] values = new long[5];
				for (int i = 0; i < 5; i++) {
					values[i] = Long.parseLong(counts[i + 1]);
				}
				return values;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public long liveMb() {
			return this.liveMb;
		}

		@Override
		public void close() {
			try {
				this.in.write("exit\n");
				this.in.flush();
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroy();
				}
			}
			catch (IOException ex) {
				this.process.destroy();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroy();
			}
		}

	}

	/**
	 * The design the issue measures against: list workspaces per subscription, then GET
	 * each workspace, vault, key, rotation policy, storage account, registry and each
	 * diagnostic setting, honouring 429 Retry-After, 8 requests in flight per
	 * subscription.
	 */
	private static final class PerResourceBaseline {

		/**
		 * One mapper for all responses: building one per response cost the baseline CPU.
		 */
		private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper
			.builder()
			.build();

		private final int port;

		private final List<String> subscriptions;

		private final HttpClient http = HttpClient.newBuilder()
			.executor(Executors.newFixedThreadPool(32, (runnable) -> {
				Thread thread = new Thread(runnable, "baseline-http");
				thread.setDaemon(true);
				return thread;
			}))
			.build();

		private final AtomicLong failed = new AtomicLong();

		PerResourceBaseline(int port, List<String> subscriptions) {
			this.port = port;
			this.subscriptions = subscriptions;
		}

		/**
		 * One pool of 8 threads per subscription. A single pool of 8 threads per
		 * subscription taking the workspaces in subscription order sent nearly every
		 * request to one or two subscriptions at a time while the other buckets sat full
		 * (the first 10,000-workspace baseline run was stopped after 19 minutes).
		 */
		long run() throws Exception {
			List<ExecutorService> pools = new ArrayList<>();
			List<Future<?>> futures = new ArrayList<>();
			for (String subscription : this.subscriptions) {
				ExecutorService pool = Executors.newFixedThreadPool(8);
				pools.add(pool);
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
			pools.forEach(ExecutorService::shutdownNow);
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
						.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
							.header(AzureSimulator.ORIGINAL_HOST, host)
							.header("Authorization", "Bearer baseline")
							.GET()
							.build(), HttpResponse.BodyHandlers.ofByteArray());
					if (response.statusCode() == 429) {
						// Like the SDK: the millisecond header first (the simulator
						// scales it with its clock), then Retry-After in seconds.
						String millis = response.headers().firstValue("x-ms-retry-after-ms").orElse(null);
						long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"));
						Thread.sleep((millis != null) ? Long.parseLong(millis) : seconds * 1000);
						continue;
					}
					if (response.statusCode() != 200) {
						this.failed.incrementAndGet();
						return Map.of();
					}
					return JSON.readValue(response.body(), Map.class);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				catch (IOException ex) {
					// retry
				}
			}
			this.failed.incrementAndGet();
			return Map.of();
		}

	}

}
