package io.amlwarden.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import io.amlwarden.findings.FindingsLedger;
import io.amlwarden.findings.Observation;
import io.amlwarden.findings.ScanCoverage;
import io.amlwarden.inventory.InventoryStore;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Read load benchmark (not part of {@code ./mvnw verify}: the class name does not match
 * Surefire's test patterns). Seeds 1,000 workspaces ({@code workspace_posture} rows with
 * 40 check results each) and 500,000 open findings (500 per workspace, 10 subscriptions)
 * on the shared test PostgreSQL, then drives the running service with an open-loop
 * generator: requests are issued on a fixed schedule whatever the responses, and latency
 * is measured from each request's scheduled send time (no coordinated omission). The
 * endpoint mixes run interleaved in one window, at {@code -Dbenchmark.rate} requests per
 * second in total (default 200) for {@code -Dbenchmark.seconds} (default 60). Prints and
 * writes to {@code target/benchmarks/load.json} one JSON line per endpoint. Run:
 * {@code ./mvnw -q -o test -Dtest=LoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true}
 */
@WardenIntegrationTest
@TestPropertySource(properties = "warden.scheduling.enabled=false")
class LoadBenchmark {

	private static final int SUBSCRIPTIONS = 10;

	private static final int WORKSPACES = 1_000;

	private static final int CHECKS = 50;

	private static final int RESOURCES_PER_WORKSPACE = 10;

	private static final String[] SEVERITIES = { "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO" };

	@LocalServerPort
	int port;

	@Autowired
	FindingsLedger ledger;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void load() throws Exception {
		int rate = Integer.getInteger("benchmark.rate", 200);
		int seconds = Integer.getInteger("benchmark.seconds", 60);
		List<String> subscriptions = new ArrayList<>();
		for (int s = 0; s < SUBSCRIPTIONS; s++) {
			subscriptions.add(String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", s + 1));
		}
		List<String> workspaceIds = seed(subscriptions);
		String token = LocalTokenIssuer.shared().token("load-benchmark", "Warden.Reader");
		List<UUID> workspaceUuids = workspaceIds.stream().map(InventoryStore::workspaceId).toList();

		Map<String, IntFunction<String>> mixes = new LinkedHashMap<>();
		mixes.put("findings-filtered", (i) -> "/api/v1/findings?severity=" + SEVERITIES[i % 4] + "&subscription="
				+ subscriptions.get(i % SUBSCRIPTIONS) + "&state=OPEN&page=" + (i % 21));
		mixes.put("findings-paged", (i) -> "/api/v1/findings?page=" + (i % 21));
		mixes.put("workspaces", (i) -> "/api/v1/workspaces?page=" + (i % 20));
		mixes.put("workspace-posture",
				(i) -> "/api/v1/workspaces/" + workspaceUuids.get((i * 7919) % workspaceUuids.size()) + "/posture");
		mixes.put("liveness", (i) -> "/actuator/health/liveness");

		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		List<String> names = new ArrayList<>(mixes.keySet());
		long findings = count("finding");
		long workspaces = count("workspace_posture");
		// Warm-up (not recorded): JIT, connection pools, PostgreSQL caches. Then a pause
		// so that no backlog of the warm-up runs into the measured window.
		run(client, token, mixes, names, rate, Math.min(15, Math.max(5, seconds / 4)));
		Thread.sleep(10_000);
		double[] load = new double[1];
		Map<String, Recorder> recorders = run(client, token, mixes, names, rate, seconds);
		load[0] = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		List<String> lines = new ArrayList<>();
		for (String name : names) {
			Recorder recorder = recorders.get(name);
			lines.add(recorder.json(name, rate / (double) names.size(), seconds, load[0]));
		}
		lines.add(String.format(Locale.ROOT,
				"{\"benchmark\":\"load\",\"summary\":true,\"totalRate\":%d,\"seconds\":%d,\"findings\":%d,"
						+ "\"workspaces\":%d,\"processors\":%d,\"loadAverage1m\":%.2f,\"at\":\"%s\"}",
				rate, seconds, findings, workspaces, Runtime.getRuntime().availableProcessors(), load[0],
				Instant.now()));
		lines.forEach(System.out::println);
		Path out = Path.of("target", "benchmarks", "load.json");
		try {
			Files.createDirectories(out.getParent());
			Files.write(out, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		explain(subscriptions.get(0), workspaceIds.subList(0, 50));
	}

	private Map<String, Recorder> run(HttpClient client, String token, Map<String, IntFunction<String>> mixes,
			List<String> names, int rate, int seconds) throws InterruptedException {
		Map<String, Recorder> recorders = new LinkedHashMap<>();
		names.forEach((name) -> recorders.put(name, new Recorder()));
		int total = rate * seconds;
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		List<CompletableFuture<?>> pending = new ArrayList<>(total);
		AtomicInteger[] counters = new AtomicInteger[names.size()];
		Arrays.setAll(counters, (n) -> new AtomicInteger());
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
		for (int i = 0; i < total; i++) {
			long scheduled = start + i * intervalNanos;
			long wait;
			while ((wait = scheduled - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			int mix = i % names.size();
			String name = names.get(mix);
			Recorder recorder = recorders.get(name);
			String path = mixes.get(name).apply(counters[mix].getAndIncrement());
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(10))
				.GET();
			if (!"liveness".equals(name)) {
				request.header("Authorization", "Bearer " + token);
			}
			CompletableFuture<?> future;
			try {
				future = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
					.handle((response, failure) -> {
						long latency = System.nanoTime() - scheduled;
						boolean ok = failure == null && response.statusCode() / 100 == 2;
						Throwable cause = (failure != null && failure.getCause() != null) ? failure.getCause()
								: failure;
						recorder.record(latency, ok, (cause != null) ? cause.getClass().getSimpleName()
								: String.valueOf(response.statusCode()));
						return null;
					});
			}
			catch (RuntimeException ex) {
				recorder.record(System.nanoTime() - scheduled, false, ex.getClass().getSimpleName());
				continue;
			}
			pending.add(future);
		}
		CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
		return recorders;
	}

	private long count(String table) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Seeds the ledger and the posture table unless a previous run in this database did.
	 */
	private List<String> seed(List<String> subscriptions) {
		List<String> workspaceIds = new ArrayList<>(WORKSPACES);
		for (int w = 0; w < WORKSPACES; w++) {
			String subscription = subscriptions.get(w % SUBSCRIPTIONS);
			workspaceIds.add("/subscriptions/" + subscription + "/resourceGroups/rg-" + (w % 50)
					+ "/providers/Microsoft.MachineLearningServices/workspaces/ws-" + w);
		}
		if (count("workspace_posture") >= WORKSPACES && count("finding") >= 500_000) {
			return workspaceIds;
		}
		long started = System.nanoTime();
		List<Observation> observations = new ArrayList<>(WORKSPACES * CHECKS * RESOURCES_PER_WORKSPACE);
		for (int w = 0; w < WORKSPACES; w++) {
			String subscription = subscriptions.get(w % SUBSCRIPTIONS);
			String rg = "/subscriptions/" + subscription + "/resourceGroups/rg-" + (w % 50);
			for (int r = 0; r < RESOURCES_PER_WORKSPACE; r++) {
				String resourceId = rg + "/providers/Microsoft.KeyVault/vaults/kv-" + w + "-" + r;
				for (int c = 0; c < CHECKS; c++) {
					observations.add(new Observation("check-" + c, "Benchmark check " + c, SEVERITIES[c % 5],
							"ENCRYPTION", resourceId, "Microsoft.KeyVault/vaults", "kv-" + w + "-" + r, subscription,
							List.of(workspaceIds.get(w)), null, Observation.Outcome.FAIL,
							"properties.enablePurgeProtection", "false", "true", "Purge protection is off",
							"az keyvault update --enable-purge-protection true"));
				}
			}
		}
		Set<String> checks = new HashSet<>();
		for (int c = 0; c < CHECKS; c++) {
			checks.add("check-" + c);
		}
		UUID scanId = UUID.randomUUID();
		Instant at = Instant.now();
		this.ledger.record(scanId, at, new ScanCoverage(true, new HashSet<>(subscriptions), Set.of(), Set.of(), checks),
				observations);
		this.jdbc.update(
				"INSERT INTO scan (id, scope_key, subscription_ids, resource_groups, workspace_ids, profile, "
						+ "trigger, requested_by, state, created_at, started_at, finished_at) VALUES (?, ?, ?::text[], "
						+ "'{}'::text[], '{}'::text[], 'BASELINE', 'API', 'load-benchmark', 'SUCCEEDED', ?, ?, ?)",
				scanId, "load-benchmark-" + scanId, "{" + String.join(",", subscriptions) + "}", Timestamp.from(at),
				Timestamp.from(at), Timestamp.from(at));
		List<Object[]> rows = new ArrayList<>();
		for (int w = 0; w < WORKSPACES; w++) {
			String id = workspaceIds.get(w);
			StringBuilder results = new StringBuilder("[");
			int failed = 0;
			for (int c = 0; c < 40; c++) {
				boolean fail = (c + w) % 3 == 0;
				failed += fail ? 1 : 0;
				if (c > 0) {
					results.append(',');
				}
				results.append("{\"checkId\":\"check-")
					.append(c)
					.append("\",\"status\":\"")
					.append(fail ? "FAIL" : "PASS")
					.append("\",\"resourceId\":\"")
					.append(id)
					.append("\",\"resourceType\":\"Microsoft.MachineLearningServices/workspaces\",\"resourceName\":\"ws-")
					.append(w)
					.append("\",\"propertyPath\":\"properties.publicNetworkAccess\",\"observed\":\"Enabled\","
							+ "\"expected\":\"Disabled\",\"detail\":\"Benchmark check result\"}");
			}
			results.append(']');
			rows.add(new Object[] { id.toLowerCase(Locale.ROOT), InventoryStore.workspaceId(id), id, "ws-" + w,
					subscriptions.get(w % SUBSCRIPTIONS), "rg-" + (w % 50), scanId, Timestamp.from(at), "BASELINE",
					100 - failed * 2, 40 - failed, failed, 0, 0, failed / 4, failed / 4, failed / 4,
					failed - 3 * (failed / 4), results.toString() });
		}
		this.jdbc.batchUpdate("INSERT INTO workspace_posture (workspace_key, workspace_uuid, workspace_id, "
				+ "workspace_name, subscription_id, resource_group, scan_id, evaluated_at, profile, score, passed, "
				+ "failed, unknown, not_applicable, failed_critical, failed_high, failed_medium, failed_low, results) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_key) DO NOTHING",
				rows);
		// A database in service has been vacuumed and analysed by autovacuum.
		this.jdbc.execute("VACUUM ANALYZE finding");
		this.jdbc.execute("VACUUM ANALYZE finding_workspace");
		this.jdbc.execute("VACUUM ANALYZE workspace_posture");
		System.out.printf(Locale.ROOT, "{\"benchmark\":\"load\",\"seeded\":true,\"seconds\":%.1f}%n",
				(System.nanoTime() - started) / 1e9);
		return workspaceIds;
	}

	/**
	 * Plans of the benchmark's heaviest queries, for the record.
	 */
	private void explain(String subscription, List<String> workspaces) {
		List<String> plans = new ArrayList<>();
		String array = "'{" + String.join(",", workspaces.stream().map((w) -> w.toLowerCase(Locale.ROOT)).toList())
				+ "}'::text[]";
		for (String sql : List.of(
				"SELECT count(*) FROM finding f WHERE f.state = 'OPEN' AND f.severity = 'HIGH' AND f.subscription_id = '"
						+ subscription + "'",
				"SELECT f.id FROM finding f WHERE f.state = 'OPEN' AND f.severity = 'HIGH' AND f.subscription_id = '"
						+ subscription + "' ORDER BY f.last_seen_at DESC, f.id LIMIT 50 OFFSET 1000",
				"SELECT count(*) FROM finding f",
				"SELECT f.id FROM finding f ORDER BY CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 "
						+ "WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END, f.last_seen_at DESC, f.id LIMIT 50 OFFSET 1000",
				"SELECT w.workspace_key, f.severity, count(*) FROM finding_workspace w JOIN finding f ON f.id = w.finding_id "
						+ "WHERE f.state = 'OPEN' AND w.workspace_key = ANY(" + array + ") GROUP BY 1, 2")) {
			plans.add("-- " + sql);
			this.jdbc.query("EXPLAIN (ANALYZE, BUFFERS) " + sql, (rs) -> {
				plans.add(rs.getString(1));
			});
		}
		plans.forEach(System.out::println);
		try {
			Files.write(Path.of("target", "benchmarks", "load-plans.txt"), plans);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class Recorder {

		private final List<Long> latencies = new ArrayList<>();

		private final Map<String, Integer> errors = new LinkedHashMap<>();

		synchronized void record(long nanos, boolean ok, String outcome) {
			this.latencies.add(nanos);
			if (!ok) {
				this.errors.merge(outcome, 1, Integer::sum);
			}
		}

		synchronized String json(String name, double rate, int seconds, double load) {
			long[] sorted = this.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			int errorCount = this.errors.values().stream().mapToInt(Integer::intValue).sum();
			StringBuilder errorKinds = new StringBuilder("{");
			this.errors.forEach((kind, n) -> errorKinds.append((errorKinds.length() > 1) ? "," : "")
				.append('"')
				.append(kind)
				.append("\":")
				.append(n));
			errorKinds.append('}');
			return String.format(Locale.ROOT,
					"{\"benchmark\":\"load\",\"endpoint\":\"%s\",\"rate\":%.0f,\"seconds\":%d,\"requests\":%d,"
							+ "\"errors\":%d,\"errorKinds\":%s,\"p50Ms\":%.1f,\"p95Ms\":%.1f,\"p99Ms\":%.1f,\"maxMs\":%.1f,"
							+ "\"loadAverage1m\":%.2f}",
					name, rate, seconds, sorted.length, errorCount, errorKinds, percentile(sorted, 50),
					percentile(sorted, 95), percentile(sorted, 99),
					(sorted.length > 0) ? sorted[sorted.length - 1] / 1e6 : 0, load);
		}

		private static double percentile(long[] sorted, double p) {
			if (sorted.length == 0) {
				return 0;
			}
			int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
		}

	}

}
