package io.amlwarden.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.amlwarden.findings.FindingsLedger;
import io.amlwarden.findings.Observation;
import io.amlwarden.findings.ScanCoverage;
import io.amlwarden.scans.InventoryStore;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
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
// Actuator on its own port, as the Dockerfile and the chart run it
// (MANAGEMENT_SERVER_PORT=8081).
@TestPropertySource(properties = { "warden.scheduling.enabled=false", "management.server.port=0" })
class LoadBenchmark {

	private static final int SUBSCRIPTIONS = 10;

	private static final int WORKSPACES = 1_000;

	private static final int CHECKS = 50;

	private static final int RESOURCES_PER_WORKSPACE = 10;

	private static final String[] SEVERITIES = { "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO" };

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

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
		seedHistory();
		String token = LocalTokenIssuer.shared().token("load-benchmark", "Warden.Reader");
		List<UUID> workspaceUuids = workspaceIds.stream().map(InventoryStore::workspaceId).toList();

		// The five mixes and the paths each cycles through, for the generator process.
		List<String> plan = new ArrayList<>();
		plan.add("mix findings-filtered " + this.port + " true");
		for (int i = 0; i < 840; i++) {
			plan.add("/api/v1/findings?severity=" + SEVERITIES[i % 4] + "&subscription="
					+ subscriptions.get(i % SUBSCRIPTIONS) + "&state=OPEN&page=" + (i % 21));
		}
		plan.add("mix findings-paged " + this.port + " true");
		for (int i = 0; i < 21; i++) {
			plan.add("/api/v1/findings?page=" + i);
		}
		plan.add("mix workspaces " + this.port + " true");
		for (int i = 0; i < 20; i++) {
			plan.add("/api/v1/workspaces?page=" + i);
		}
		plan.add("mix workspace-posture " + this.port + " true");
		for (int i = 0; i < workspaceUuids.size(); i++) {
			plan.add("/api/v1/workspaces/" + workspaceUuids.get((i * 7919) % workspaceUuids.size()) + "/posture");
		}
		// The read models for portals: the overview, a year of daily trend, a year of one
		// workspace's history.
		String yearAgo = Instant.now().minus(java.time.Duration.ofDays(365)).truncatedTo(ChronoUnit.DAYS).toString();
		plan.add("mix overview " + this.port + " true");
		plan.add("/api/v1/overview");
		for (String subscription : subscriptions) {
			plan.add("/api/v1/overview?subscription=" + subscription);
		}
		plan.add("mix posture-trend " + this.port + " true");
		plan.add("/api/v1/posture/trend?bucket=day&from=" + yearAgo);
		// What the dashboard asks for: every scan of the last 90 days.
		plan.add("/api/v1/posture/trend?bucket=scan&from="
				+ Instant.now().minus(java.time.Duration.ofDays(90)).truncatedTo(ChronoUnit.DAYS));
		for (String subscription : subscriptions) {
			plan.add("/api/v1/posture/trend?bucket=week&from=" + yearAgo + "&subscription=" + subscription);
		}
		plan.add("mix findings-trend " + this.port + " true");
		plan.add("/api/v1/findings/trend?bucket=day");
		for (String subscription : subscriptions) {
			plan.add("/api/v1/findings/trend?bucket=week&from=" + yearAgo + "&subscription=" + subscription);
		}
		plan.add("mix workspace-history " + this.port + " true");
		for (int i = 0; i < workspaceUuids.size(); i++) {
			plan.add("/api/v1/workspaces/" + workspaceUuids.get((i * 7919) % workspaceUuids.size()) + "/history?from="
					+ yearAgo);
		}
		// Actuator on its own port, as deployed (Dockerfile and chart: 8081).
		plan.add("mix liveness " + this.managementPort + " false");
		plan.add("/actuator/health/liveness");

		long findings = count("finding");
		long workspaces = count("workspace_posture");
		long history = count("posture_history");
		Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
		Path planFile = dir.resolve("load-plan.txt");
		Files.write(planFile, plan);
		Path generated = dir.resolve("load-generator.json");
		Files.deleteIfExists(generated);
		// Long enough for the JIT to compile the request path before the measured window.
		int warmup = Math.min(30, Math.max(5, seconds / 2));
		generate(token, planFile, rate, seconds, warmup, generated);
		List<String> lines = new ArrayList<>(Files.readAllLines(generated));
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		lines.add(String.format(Locale.ROOT,
				"{\"benchmark\":\"load\",\"summary\":true,\"totalRate\":%d,\"seconds\":%d,\"findings\":%d,"
						+ "\"workspaces\":%d,\"historyRows\":%d,\"processors\":%d,\"loadAverage1m\":%.2f,\"at\":\"%s\"}",
				rate, seconds, findings, workspaces, history, Runtime.getRuntime().availableProcessors(), load,
				Instant.now()));
		lines.forEach(System.out::println);
		Files.write(dir.resolve("load.json"), lines);
		explain(subscriptions.get(0), workspaceIds.subList(0, 50));
	}

	/**
	 * Runs {@link LoadGenerator} in a child JVM on this JVM's classpath, so that the
	 * generator's threads, heap and JIT do not compete inside the service's JVM.
	 */
	private static void generate(String token, Path plan, int rate, int seconds, int warmup, Path output)
			throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(), plan.toString(),
				String.valueOf(rate), String.valueOf(seconds), String.valueOf(warmup), "10", output.toString());
		builder.environment().put("WARDEN_LOAD_TOKEN", token);
		builder.redirectErrorStream(true);
		builder.redirectOutput(plan.resolveSibling("load-generator.log").toFile());
		Process process = builder.start();
		try {
			if (!process.waitFor(warmup + 10 + seconds + 120, TimeUnit.SECONDS)) {
				throw new IllegalStateException("load generator did not finish");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("load generator failed: " + process.exitValue() + ", see "
						+ plan.resolveSibling("load-generator.log"));
			}
		}
		finally {
			process.destroyForcibly();
		}
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
	 * A year of daily scans of every workspace: 365 scans, 365,000 history points and the
	 * tenant's and each subscription's roll-up per scan.
	 */
	private void seedHistory() {
		if (count("posture_history") >= 365L * WORKSPACES) {
			return;
		}
		long started = System.nanoTime();
		this.jdbc.update("INSERT INTO scan (id, scope_key, subscription_ids, resource_groups, workspace_ids, profile, "
				+ "trigger, requested_by, state, created_at, started_at, finished_at) SELECT md5('history-' || d)::uuid, "
				+ "'load-history-' || d, '{}'::text[], '{}'::text[], '{}'::text[], 'BASELINE', 'SCHEDULE', "
				+ "'load-benchmark', 'SUCCEEDED', now() - d * interval '1 day', now() - d * interval '1 day', "
				+ "now() - d * interval '1 day' FROM generate_series(1, 365) d ON CONFLICT DO NOTHING");
		this.jdbc.update("INSERT INTO posture_history (scan_id, workspace_uuid, workspace_key, subscription_id, "
				+ "scanned_at, partial, score, passed, failed, unknown, not_applicable, failed_critical, failed_high, "
				+ "failed_medium, failed_low) SELECT md5('history-' || d)::uuid, w.workspace_uuid, w.workspace_key, "
				+ "w.subscription_id, now() - d * interval '1 day', d % 30 = 0, (w.score + d) % 101, w.passed, w.failed, "
				+ "0, 0, w.failed_critical, w.failed_high, w.failed_medium, w.failed_low FROM workspace_posture w "
				+ "CROSS JOIN generate_series(1, 365) d ON CONFLICT DO NOTHING");
		this.jdbc
			.update("INSERT INTO posture_rollup (scan_id, subscription_id, scanned_at, partial, workspaces, score, "
					+ "failed_critical, failed_high, failed_medium, failed_low) SELECT scan_id, s, min(scanned_at), "
					+ "bool_or(partial), count(*), round(avg(score)), sum(failed_critical), sum(failed_high), "
					+ "sum(failed_medium), sum(failed_low) FROM posture_history CROSS JOIN LATERAL "
					+ "(VALUES (subscription_id), (NULL)) v (s) GROUP BY scan_id, s ON CONFLICT DO NOTHING");
		this.jdbc.execute("VACUUM ANALYZE posture_history");
		this.jdbc.execute("VACUUM ANALYZE posture_rollup");
		System.out.printf(Locale.ROOT, "{\"benchmark\":\"load\",\"seededHistory\":true,\"seconds\":%.1f}%n",
				(System.nanoTime() - started) / 1e9);
	}

	/**
	 * Plans of the benchmark's heaviest queries, for the record.
	 */
	private void explain(String subscription, List<String> workspaces) {
		List<String> plans = new ArrayList<>();
		String array = "'{" + String.join(",", workspaces.stream().map((w) -> w.toLowerCase(Locale.ROOT)).toList())
				+ "}'::text[]";
		for (String sql : List.of(
				"SELECT coalesce(sum(f.n), 0) FROM finding_count f WHERE f.state = 'OPEN' AND f.severity = 'HIGH' "
						+ "AND f.subscription_id = '" + subscription + "'",
				"SELECT f.id FROM finding f WHERE f.state = 'OPEN' AND f.severity = 'HIGH' AND f.subscription_id = '"
						+ subscription + "' ORDER BY f.last_seen_at DESC, f.id LIMIT 50 OFFSET 1000",
				"SELECT coalesce(sum(f.n), 0) FROM finding_count f",
				"SELECT f.id FROM finding f ORDER BY CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 "
						+ "WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END, f.last_seen_at DESC, f.id LIMIT 50 OFFSET 1000",
				"SELECT workspace_key, severity, sum(n) FROM workspace_open_count WHERE workspace_key = ANY(" + array
						+ ") GROUP BY 1, 2 HAVING sum(n) > 0")) {
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

}
