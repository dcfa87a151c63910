package io.amlwarden.access;

import com.azure.core.http.HttpClient;
import io.amlwarden.azure.SimulatorHttpClient;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points the service's real Azure clients at the access fixture's simulator: the
 * {@code HttpClient} bean sends a copy of every request there, and the credential
 * authenticates against its token endpoint.
 */
@TestConfiguration(proxyBeanMethods = false)
class AccessSimulatorConfiguration {

	// Primary over the shared demo simulator's client that every integration context has.
	@Bean
	@Primary
	HttpClient accessSimulatorHttpClient() {
		return SimulatorHttpClient.to(AccessFixture.simulator());
	}

	/**
	 * The properties that go with the bean; registered from each test class's
	 * {@code @DynamicPropertySource}, because bean conditions read them before any bean
	 * exists.
	 */
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("warden.azure.live", () -> "false");
		registry.add("warden.azure.tenant-id", () -> AccessFixture.TENANT);
		registry.add("warden.azure.credential.kind", () -> "client-secret");
		registry.add("warden.azure.credential.client-id", () -> "11111111-1111-1111-1111-111111111111");
		registry.add("warden.azure.credential.client-secret", () -> "simulator-secret");
		registry.add("warden.azure.limits.max-retries", () -> "0");
		registry.add("warden.scheduling.enabled", () -> "false");
		registry.add("warden.access.break-glass-principal-ids[0]", () -> AccessFixture.BREAK_GLASS);
		registry.add("warden.access.service-principal-ids[0]", () -> AccessFixture.WARDEN_IDENTITY);
	}

}
