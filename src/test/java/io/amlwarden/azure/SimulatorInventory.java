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
		return collector(simulator.port(), simulator.tenantId(), clockScale, perSubscription);
	}

	/**
	 * The same, for a simulator listening on a local port, possibly in another JVM.
	 */
	public static InventoryCollector collector(int port, String tenantId, double clockScale, int perSubscription) {
		AzureProperties.Limits limits = new AzureProperties.Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), 4,
				Duration.ofMillis(200), Duration.ofSeconds(5), 20, perSubscription, 2, 250, 25 * clockScale, 0, 200,
				1000);
		return new InventoryCollector(SimulatorClients.clients(port,
				SimulatorClients.properties(tenantId, limits, new AzureProperties.Collect(true, false, false))));
	}

	/**
	 * A collector for fault soaks: short per-attempt timeouts so injected timeouts cost
	 * little, the given retry budget, and request metrics in the given registry.
	 */
	public static InventoryCollector collector(AzureSimulator simulator, int maxRetries, Duration responseTimeout,
			io.micrometer.core.instrument.MeterRegistry registry) {
		AzureProperties.Limits limits = new AzureProperties.Limits(Duration.ofSeconds(5), responseTimeout, maxRetries,
				Duration.ofMillis(50), Duration.ofSeconds(2), 8, 8, 2, 250, 25, 0, 200, 1000);
		AzureProperties properties = SimulatorClients.properties(simulator, limits,
				new AzureProperties.Collect(true, false, false));
		SimulatorHttpClient http = new SimulatorHttpClient(
				new com.azure.core.http.netty.NettyAsyncHttpClientBuilder().responseTimeout(responseTimeout)
					.readTimeout(responseTimeout)
					.build(),
				simulator.port());
		AzureCloudProfile cloud = AzureCloudProfile.from(properties.cloud());
		com.azure.core.credential.TokenCredential credential = new com.azure.identity.ClientSecretCredentialBuilder()
			.tenantId(simulator.tenantId())
			.clientId(SimulatorClients.CLIENT_ID)
			.clientSecret("simulator-secret")
			.authorityHost(cloud.authorityHost())
			.httpClient(http)
			.build();
		return new InventoryCollector(new AzureClients(properties, cloud, http, credential, registry));
	}

}
