package io.amlwarden.deploy;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.amlwarden.azure.SimulatorHttpClient;
import io.amlwarden.azure.SimulatorVaultRedirect;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static io.amlwarden.deploy.HelmChartTemplateTest.appContainer;
import static io.amlwarden.deploy.RenderedManifests.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code database.password.source=keyVault} end to end, short of a cluster: the
 * {@code SPRING_CLOUD_AZURE_*} variables the chart renders become the process environment
 * of a Spring Boot application on the service's classpath, whose Key Vault property
 * source (spring-cloud-azure-starter-keyvault-secrets) reads
 * {@code spring-datasource-password} from a simulated vault over the real Key Vault
 * data-plane API: the bearer challenge, a token from the simulated Entra endpoint, then
 * {@code GET /secrets/spring-datasource-password/}. The secret's value is compared, never
 * printed.
 * <p>
 * The credential is registered in the bootstrap context (the starter's hook for that); on
 * AKS the starter's default, {@code DefaultAzureCredential}, finds the workload identity
 * the chart labels the pod for.
 */
class KeyVaultPasswordSourceTest {

	private static final String TENANT = "72f988bf-0000-4000-8000-0000000000d7";

	private static final String SUBSCRIPTION = "5ec7e7ca-0000-4000-8000-0000000000d7";

	private static final String SECRET = "spring-datasource-password";

	@Test
	void theChartsKeyVaultModeResolvesTheDatasourcePasswordFromTheVault() throws Exception {
		// A vault host of its own: the SDK caches Key Vault challenges per host.
		TenantFixture fixture = new TenantFixture(TENANT, Instant.now()).subscription(SUBSCRIPTION);
		TenantFixture.Stack stack = fixture.stack(SUBSCRIPTION, "rg", "pw" + random(8), null);
		String password = "Kv-" + UUID.randomUUID();
		try (AzureSimulator simulator = AzureSimulator.start(fixture.toJson());
				AutoCloseable redirect = SimulatorVaultRedirect.redirect(URI.create(stack.vaultUri).getHost(),
						simulator)) {
			simulator.putSecret(stack.vaultId, SECRET, password);
			// Another secret in the same vault must not turn into a property.
			simulator.putSecret(stack.vaultId, "warden-azure-live", "false");
			Map<String, Object> env = chartEnvironment(Map.of("database.password.source", "keyVault",
					"database.password.keyVault.endpoint", stack.vaultUri + "/"));
			assertThat(env).doesNotContainKey("SPRING_DATASOURCE_PASSWORD");

			try (ConfigurableApplicationContext context = start(env, credential(simulator))) {
				ConfigurableEnvironment environment = context.getEnvironment();
				String resolved = environment.getProperty("spring.datasource.password");
				assertThat(resolved).as("spring.datasource.password").isNotNull();
				assertThat(password.equals(resolved))
					.as("spring.datasource.password is the value of the Key Vault secret %s", SECRET)
					.isTrue();
				assertThat(environment.getProperty("warden.azure.live")).isNull();
				assertThat(environment.getPropertySources().stream().map((source) -> source.getName()))
					.anyMatch((name) -> name.startsWith("azure-key-vault-secret-property-source"));
			}
			assertThat(simulator.count("login", "POST", "token")).as("tokens from the simulated Entra endpoint")
				.isPositive();
			// The unauthenticated challenge, then the authorized read.
			assertThat(simulator.count("keyvault", "GET", "secrets/{name}")).isEqualTo(2);
			assertThat(simulator.count("keyvault", "GET", "secrets")).as("secrets listed").isZero();
		}
	}

	@Test
	void theChartsDefaultModeLeavesKeyVaultAlone() throws Exception {
		TenantFixture fixture = new TenantFixture(TENANT, Instant.now()).subscription(SUBSCRIPTION);
		TenantFixture.Stack stack = fixture.stack(SUBSCRIPTION, "rg", "pw" + random(8), null);
		try (AzureSimulator simulator = AzureSimulator.start(fixture.toJson());
				AutoCloseable redirect = SimulatorVaultRedirect.redirect(URI.create(stack.vaultUri).getHost(),
						simulator)) {
			simulator.putSecret(stack.vaultId, SECRET, "never-read");
			Map<String, Object> env = chartEnvironment(Map.of());
			// The chart's default reads the password from a Kubernetes Secret
			// (secretKeyRef), which the kubelet resolves; here the variable stays unset.
			env.remove("SPRING_DATASOURCE_PASSWORD");
			try (ConfigurableApplicationContext context = start(env, credential(simulator))) {
				assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isNull();
				assertThat(context.getEnvironment().getPropertySources().stream().map((source) -> source.getName()))
					.noneMatch((name) -> name.startsWith("azure-key-vault"));
			}
			assertThat(simulator.counts()).as("requests to the simulator").isEmpty();
		}
	}

	/**
	 * The literal environment variables of the app container, as the chart renders them
	 * with these values over its defaults.
	 */
	private static Map<String, Object> chartEnvironment(Map<String, Object> sets) {
		List<Map<String, Object>> env = list(appContainer(HelmChart.render(sets)), "env");
		Map<String, Object> variables = new LinkedHashMap<>();
		for (Map<String, Object> variable : env) {
			variables.put((String) variable.get("name"),
					variable.containsKey("value") ? String.valueOf(variable.get("value")) : "<from secret>");
		}
		assertThat(variables.keySet()).as("rendered env")
			.contains("SPRING_CLOUD_AZURE_KEYVAULT_SECRET_PROPERTY_SOURCE_ENABLED");
		return variables;
	}

	/**
	 * A Spring Boot application with no beans of its own, so that only what the
	 * classpath's {@code EnvironmentPostProcessor}s do is seen; {@code env} replaces the
	 * process environment.
	 */
	private static ConfigurableApplicationContext start(Map<String, Object> env, TokenCredential credential) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
		return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.environment(environment)
			.addBootstrapRegistryInitializer((registry) -> registry.register(TokenCredential.class,
					BootstrapRegistry.InstanceSupplier.of(credential)))
			.run();
	}

	/** A client-secret credential that gets its tokens from the simulator. */
	private static TokenCredential credential(AzureSimulator simulator) {
		return new ClientSecretCredentialBuilder().tenantId(simulator.tenantId())
			.clientId("de0000c1-0000-4000-8000-0000000000d7")
			.clientSecret("simulator-secret")
			.authorityHost("https://login.microsoftonline.com")
			.httpClient(SimulatorHttpClient.to(simulator))
			.build();
	}

	private static String random(int length) {
		return UUID.randomUUID()
			.toString()
			.replace("-", "")
			.chars()
			.filter(Character::isLetter)
			.limit(length)
			.mapToObj((c) -> String.valueOf((char) c))
			.collect(Collectors.joining())
			.toLowerCase(Locale.ROOT);
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
