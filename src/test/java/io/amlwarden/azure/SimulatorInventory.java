package io.amlwarden.azure;

import java.time.Duration;

import io.amlwarden.simulator.AzureSimulator;

/**
 * Public entry for code outside this package (benchmarks) that needs a collector wired to
 * a simulator.
 */
public final class SimulatorInventory {

	private SimulatorInventory() {
	}

	/**
	 * Collects a scope from a simulator with the real clients (retries off, everything
	 * collected).
	 */
	public static io.amlwarden.inventory.TenantSnapshot collect(AzureSimulator simulator,
			io.amlwarden.inventory.InventoryScope scope) {
		return new InventoryCollector(SimulatorClients.clients(simulator)).collect(scope);
	}

	/**
	 * A collector whose client-side pacing runs on the same scaled clock as the
	 * simulator.
	 */
	public static InventoryCollector collector(AzureSimulator simulator, double clockScale, int perSubscription) {
		AzureProperties.Limits limits = new AzureProperties.Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), 4,
				Duration.ofMillis(200), Duration.ofSeconds(5), 20, perSubscription, 2, 250, 25 * clockScale, 0, 200,
				1000);
		return new InventoryCollector(SimulatorClients.clients(simulator,
				SimulatorClients.properties(simulator, limits, new AzureProperties.Collect(true, false, false))));
	}

}
