package io.amlwarden.azure;

import java.time.Duration;

import io.amlwarden.simulator.AzureSimulator;

/**
 * Public entry for the rotation module's tests and benchmark: the azure module's real
 * key, workspace and storage operations and inventory collector, wired to a simulator
 * through one set of SDK clients (one "replica").
 *
 * @param cmk fresh reads and CMK updates
 * @param keys Key Vault data-plane key operations
 * @param collector inventory collector
 */
public record SimulatorRotationClients(CmkOperations cmk, KeyVaultKeys keys, InventoryCollector collector) {

	/**
	 * Clients with fast retries (50 ms base) so that injected 429/503 answers are retried
	 * quickly.
	 * @param simulator the simulator
	 * @param maxRetries SDK retries per request
	 * @return the clients
	 */
	public static SimulatorRotationClients of(AzureSimulator simulator, int maxRetries) {
		AzureProperties.Limits limits = new AzureProperties.Limits(Duration.ofSeconds(5), Duration.ofSeconds(20),
				maxRetries, Duration.ofMillis(50), Duration.ofMillis(500), 8, 8, 4, 250, 25, 0, 200, 1000);
		AzureClients clients = SimulatorClients.clients(simulator,
				SimulatorClients.properties(simulator, limits, new AzureProperties.Collect(false, false, false)));
		return new SimulatorRotationClients(new CmkOperations(clients), new KeyVaultKeys(clients),
				new InventoryCollector(clients));
	}

}
