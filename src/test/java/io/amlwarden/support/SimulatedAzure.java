package io.amlwarden.support;

import java.util.LinkedHashMap;
import java.util.Map;

import com.azure.core.http.HttpClient;
import io.amlwarden.azure.SimulatorHttpClient;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.DemoTenant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the service at the JVM's shared Azure simulator, seeded with the {@code demo}
 * tenant: the SDK keeps the real {@code https://} URLs and its {@link HttpClient} sends a
 * copy of each request to the simulator (azure-rest.md §3, option A), so the real
 * credential, token and challenge code runs. Used by the local launcher and by every
 * {@code @WardenIntegrationTest} context. Test code only.
 * <p>
 * When {@code warden.azure.live=true} is set (e.g. {@code WARDEN_AZURE_LIVE=true}), none
 * of this applies and the service audits real subscriptions.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SimulatedAzure {

	/**
	 * The client id the simulated credential presents to the simulator's token endpoint.
	 */
	public static final String CLIENT_ID = "de0000c1-0000-4000-8000-000000000001";

	private static AzureSimulator shared;

	/**
	 * The JVM's demo simulator, started on first use and stopped when the JVM exits.
	 */
	public static synchronized AzureSimulator shared() {
		if (shared == null) {
			AzureSimulator simulator = AzureSimulator.named("demo");
			Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "azure-simulator-stop"));
			shared = simulator;
		}
		return shared;
	}

	/**
	 * The properties that make the service collect the demo tenant from the simulator.
	 */
	public static Map<String, Object> properties() {
		AzureSimulator simulator = shared();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("warden.azure.live", "false");
		properties.put("warden.azure.tenant-id", simulator.tenantId());
		properties.put("warden.azure.subscriptions", String.join(",", DemoTenant.SUBSCRIPTIONS));
		properties.put("warden.azure.credential.kind", "client-secret");
		properties.put("warden.azure.credential.client-id", CLIENT_ID);
		properties.put("warden.azure.credential.client-secret", "simulator-secret");
		return properties;
	}

	/**
	 * Whether the caller asked for real Azure ({@code WARDEN_AZURE_LIVE=true} or
	 * {@code -Dwarden.azure.live=true}).
	 */
	public static boolean liveRequested() {
		return Boolean.parseBoolean(System.getenv("WARDEN_AZURE_LIVE"))
				|| Boolean.parseBoolean(System.getProperty("warden.azure.live"));
	}

	@Bean
	@ConditionalOnProperty(name = "warden.azure.live", havingValue = "false")
	HttpClient simulatorHttpClient() {
		return SimulatorHttpClient.to(shared());
	}

	/**
	 * Adds {@link #properties()} unless real Azure was asked for.
	 */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			if (liveRequested() || "true".equalsIgnoreCase(context.getEnvironment().getProperty("warden.azure.live"))) {
				return;
			}
			// Lowest precedence: application.yml sets none of these, and a test that
			// points the service at a simulator of its own (@DynamicPropertySource,
			// @TestPropertySource) must win.
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("simulatedAzure", properties()));
		}

	}

}
