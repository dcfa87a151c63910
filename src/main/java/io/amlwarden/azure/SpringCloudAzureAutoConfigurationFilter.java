package io.amlwarden.azure;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps every Spring Cloud Azure auto-configuration out of the context.
 * <p>
 * The application uses {@code spring-cloud-azure-starter-keyvault-secrets} only for its
 * Key Vault property source (the database password when the Helm chart sets
 * {@code database.password.source=keyVault}), which is an
 * {@code EnvironmentPostProcessor} driven by {@code spring.cloud.azure.keyvault.secret.*}
 * properties, not a bean. The starter's auto-configurations would otherwise add beans
 * that change the service: a second {@code TokenCredential} next to
 * {@link AzureClientConfiguration}'s (startup fails on the ambiguity), a credential task
 * executor that makes Boot back off its {@code applicationTaskExecutor}, and, given the
 * right properties, a resource manager, secret or storage clients. Filtering by package
 * keeps that true when a later starter version adds auto-configurations; the Azure
 * clients the service uses are built here, in {@code io.amlwarden.azure}.
 */
final class SpringCloudAzureAutoConfigurationFilter implements AutoConfigurationImportFilter {

	static final String PACKAGE = "com.azure.spring.";

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = candidate == null || !candidate.startsWith(PACKAGE);
		}
		return matches;
	}

}
