package io.amlwarden.azure;

import java.time.Duration;
import java.util.List;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.amlwarden.simulator.AzureSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Builds the azure module's real clients against a simulator, without a Spring context.
 */
final class SimulatorClients {

	static final String CLIENT_ID = "11111111-1111-1111-1111-111111111111";

	private SimulatorClients() {
	}

	static AzureProperties.Limits limits(int maxRetries, long requestBudget) {
		return new AzureProperties.Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), maxRetries,
				Duration.ofMillis(50), Duration.ofSeconds(2), 8, 8, 2, 250, 25, requestBudget, 200, 1000);
	}

	static AzureProperties properties(AzureSimulator simulator, AzureProperties.Limits limits,
			AzureProperties.Collect collect) {
		return properties(simulator.tenantId(), limits, collect);
	}

	static AzureProperties properties(String tenantId, AzureProperties.Limits limits, AzureProperties.Collect collect) {
		return new AzureProperties(false, tenantId, List.of(),
				new AzureProperties.Cloud("AzureCloud", null, null, null, null, null),
				new AzureProperties.Credential(AzureProperties.Credential.Kind.CLIENT_SECRET, CLIENT_ID,
						"simulator-secret", null, null, null),
				null, limits, collect);
	}

	static AzureClients clients(AzureSimulator simulator, AzureProperties properties) {
		return clients(simulator.port(), properties);
	}

	/**
	 * Clients for a simulator listening on a local port (possibly in another JVM).
	 */
	static AzureClients clients(int port, AzureProperties properties) {
		SimulatorHttpClient http = new SimulatorHttpClient(com.azure.core.http.HttpClient.createDefault(), port);
		AzureCloudProfile cloud = AzureCloudProfile.from(properties.cloud());
		// The real credential: MSAL talks to the simulator's token endpoint through the
		// same client.
		TokenCredential credential = new ClientSecretCredentialBuilder().tenantId(properties.tenantId())
			.clientId(CLIENT_ID)
			.clientSecret("simulator-secret")
			.authorityHost(cloud.authorityHost())
			.httpClient(http)
			.build();
		return new AzureClients(properties, cloud, http, credential, new SimpleMeterRegistry());
	}

	static AzureClients clients(AzureSimulator simulator) {
		return clients(simulator, properties(simulator, limits(2, 0), new AzureProperties.Collect(true, true, true)));
	}

}
