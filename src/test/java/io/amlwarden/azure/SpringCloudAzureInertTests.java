package io.amlwarden.azure;

import java.util.ArrayList;
import java.util.List;

import com.azure.core.credential.TokenCredential;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * spring-cloud-azure-starter-keyvault-secrets is on the classpath for the Key Vault
 * password source only. Without {@code spring.cloud.azure.keyvault.secret.*} settings the
 * service is the one it was without the starter: none of the starter's beans, the
 * service's own credential as the only one, Boot's task executor, no Key Vault property
 * source.
 */
@WardenIntegrationTest
class SpringCloudAzureInertTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theStarterAddsNoBeans() {
		List<String> azureSpringBeans = new ArrayList<>();
		for (String name : this.context.getBeanDefinitionNames()) {
			Class<?> type = this.context.getType(name, false);
			if (type != null && type.getName().startsWith(SpringCloudAzureAutoConfigurationFilter.PACKAGE)) {
				azureSpringBeans.add(name + " " + type.getName());
			}
		}
		assertThat(azureSpringBeans).isEmpty();
		assertThat(this.context.getBeanNamesForType(TokenCredential.class)).containsExactly("azureCredential");
		// A TaskExecutor of the starter's would make Boot back off this one.
		assertThat(this.context.containsBean("applicationTaskExecutor")).isTrue();
	}

	@Test
	void noKeyVaultPropertySourceUnlessConfigured() {
		assertThat(this.context.getEnvironment().getPropertySources().stream().map((source) -> source.getName()))
			.isNotEmpty()
			.noneMatch((name) -> name.startsWith("azure-key-vault"));
	}

	@Test
	void theFilterDropsExactlyTheStartersAutoConfigurations() {
		List<String> candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates();
		List<String> starters = candidates.stream()
			.filter((name) -> name.startsWith(SpringCloudAzureAutoConfigurationFilter.PACKAGE))
			.toList();
		assertThat(starters).as("the starter's auto-configurations on the classpath")
			.contains(
					"com.azure.spring.cloud.autoconfigure.implementation.context.AzureTokenCredentialAutoConfiguration");
		String[] all = candidates.toArray(String[]::new);
		boolean[] kept = new SpringCloudAzureAutoConfigurationFilter().match(all, null);
		for (int i = 0; i < all.length; i++) {
			assertThat(kept[i]).as(all[i]).isEqualTo(!starters.contains(all[i]));
		}
		assertThat(candidates).hasSizeGreaterThan(starters.size());
	}

}
