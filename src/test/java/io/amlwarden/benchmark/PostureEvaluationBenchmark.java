package io.amlwarden.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.amlwarden.posture.Catalogue;
import io.amlwarden.posture.Evaluation;
import io.amlwarden.posture.PostureEvaluator;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import io.amlwarden.posture.Profile;
import io.amlwarden.inventory.TenantSnapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posture evaluation benchmark: not part of {@code ./mvnw verify} (the class name does
 * not match Surefire's test patterns), run it with
 * {@code ./mvnw -q test -Dtest=PostureEvaluationBenchmark -Djacoco.skip=true} (see
 * {@code docs/posture.md}). Generates {@code -Dbenchmark.workspaces} workspaces (default
 * 10,000) in 20 subscriptions, each with its own Key Vault and customer-managed key, a
 * storage account, a registry, an Application Insights component, diagnostic settings and
 * five role assignments; one in seven is misconfigured so that results include failures.
 * After a small warm-up it evaluates the REGULATED profile three times, timing only the
 * evaluation, and prints one JSON line with the median run, also written to
 * {@code target/benchmarks/posture-evaluation.json}. Besides the wall time it reports the
 * JVM's CPU seconds for that run and the system load average, since on a shared machine
 * the wall time mostly measures the wait for a core.
 */
@Tag("benchmark")
class PostureEvaluationBenchmark {

	private static final int SUBSCRIPTIONS = 20;

	private static final int RUNS = 3;

	@Test
	void evaluate() throws Exception {
		int workspaces = Integer.getInteger("benchmark.workspaces", 10_000);
		PostureEvaluator evaluator = Catalogue.evaluator();
		evaluator.evaluate(snapshot(200), Profile.REGULATED);
		TenantSnapshot snapshot = snapshot(workspaces);
		System.gc();
		resetPeaks();

		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		double[] wall = new double[RUNS];
		double[] cpu = new double[RUNS];
		Evaluation evaluation = null;
		for (int run = 0; run < RUNS; run++) {
			long cpuStarted = processCpuNanos();
			long started = System.nanoTime();
			evaluation = evaluator.evaluate(snapshot, Profile.REGULATED);
			wall[run] = (System.nanoTime() - started) / 1e9;
			cpu[run] = (processCpuNanos() - cpuStarted) / 1e9;
		}
		int median = medianIndex(wall);
		double seconds = wall[median];

		assertThat(evaluation.workspaces()).hasSize(workspaces);
		String line = String.format(Locale.ROOT,
				"{\"workspaces\":%d,\"results\":%d,\"evaluationSeconds\":%.3f,\"workspacesPerSecond\":%.0f,"
						+ "\"heapPeakMb\":%d,\"runs\":%d,\"cpuSeconds\":%.3f,\"loadAverage\":%.1f,\"cores\":%d}",
				workspaces, evaluation.results().size(), seconds, workspaces / seconds, HeapPeak.megabytes(), RUNS,
				cpu[median], load, Runtime.getRuntime().availableProcessors());
		System.out.println(line);
		Path out = Path.of("target", "benchmarks", "posture-evaluation.json");
		Files.createDirectories(out.getParent());
		Files.writeString(out, line + System.lineSeparator());
	}

	private static TenantSnapshot snapshot(int workspaces) {
		PostureFixture fixture = PostureFixture.create();
		for (int i = 0; i < workspaces; i++) {
			String subscription = String.format("00000000-0000-4000-8000-%012d", (i % SUBSCRIPTIONS) + 1);
			WorkspaceSpec ws = fixture.workspace(subscription, "rg-" + (i / 100), "ws" + i);
			ws.computes.clear();
			ws.endpoints.clear();
			if (i % 7 == 0) {
				ws.publicNetworkAccess = "Enabled";
				ws.storage.minimumTlsVersion = "TLS1_0";
				ws.vault.enablePurgeProtection = null;
			}
		}
		return fixture.build();
	}

	private static int medianIndex(double[] values) {
		Integer[] order = new Integer[values.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
		return order[order.length / 2];
	}

	/**
	 * CPU time of the whole JVM (all threads, JIT and GC included), to tell the work done
	 * apart from time spent waiting for a busy machine's cores.
	 */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
	}

}
