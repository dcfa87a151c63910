package io.amlwarden.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredential;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without configuration (the packaged jar), the service audits real Azure: live mode, the
 * production HTTP client and {@code DefaultAzureCredential}. Only an explicit
 * {@code warden.azure.live=false} plus a test-supplied client reaches a simulator.
 */
class AzureLiveDefaultsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, AzureClientConfiguration.class);

	@Test
	void defaultsToRealAzure() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AzureProperties.class).live()).isTrue();
			assertThat(context.getBean(HttpClient.class)).isNotInstanceOf(SimulatorHttpClient.class);
			assertThat(context.getBean(HttpClient.class).getClass().getName()).contains("Netty");
			assertThat(context.getBean(TokenCredential.class)).isInstanceOf(DefaultAzureCredential.class);
			assertThat(context.getBean(AzureCloudProfile.class).resourceManagerEndpoint())
				.startsWith("https://management.azure.com");
		});
	}

	@Test
	void offlineModeNeedsAnExplicitClient() {
		// live=false without a simulator client fails fast rather than silently using
		// real Azure.
		this.runner.withPropertyValues("warden.azure.live=false").run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void theSimulatorIsNotInTheProductionClasses() throws java.io.IOException {
		java.nio.file.Path classes = java.nio.file.Path.of("target", "classes", "io", "amlwarden");
		assertThat(classes).isDirectory();
		try (var files = java.nio.file.Files.walk(classes)) {
			assertThat(files.map((p) -> p.getFileName().toString())).noneMatch((name) -> name.startsWith("Simulator")
					|| name.startsWith("AzureSimulator") || name.equals("simulator") || name.startsWith("DemoTenant"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AzureProperties.class)
	static class Properties {

	}

}
