package io.amlwarden.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.amlwarden.simulator.AzureSimulator;

/**
 * The benchmark's simulator in a JVM of its own, so that the benchmark JVM holds only
 * what the service would: the collector, its clients and the snapshot. Arguments:
 * {@code <workspaces> <subscriptions> <clockScale>}. Prints
 * {@code READY <port> <tenantId> <liveHeapMb>} once it serves; then answers
 * {@code counts} on standard input with
 * {@code COUNTS <arm> <graph> <keyvault> <throttled> <heapPeakMb>}, and exits on
 * {@code exit} or end of input. Other output lines (logging) are to be ignored.
 */
public final class SimulatorProcess {

	private SimulatorProcess() {
	}

	public static void main(String[] args) throws Exception {
		int workspaces = Integer.parseInt(args[0]);
		int subscriptions = Integer.parseInt(args[1]);
		double scale = Double.parseDouble(args[2]);
		Map<String, Object> fixture = BenchmarkTenant.fixture(workspaces, subscriptions).toJson();
		try (AzureSimulator simulator = AzureSimulator.start(fixture, 200)) {
			fixture = null;
			simulator.latency(20).clockScale(scale).enforceTokenBucket(true).armPageSize(1000);
			for (int i = 0; i < 3; i++) {
				System.gc();
			}
			long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
			System.out.println("READY " + simulator.port() + " " + simulator.tenantId() + " " + live);
			System.out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null && !"exit".equals(line.trim())) {
				if ("counts".equals(line.trim())) {
					System.out.println("COUNTS " + simulator.count("arm") + " " + simulator.count("graph") + " "
							+ simulator.count("keyvault") + " " + simulator.throttledCount() + " "
							+ HeapPeak.megabytes());
					System.out.flush();
				}
			}
		}
		System.exit(0);
	}

}
