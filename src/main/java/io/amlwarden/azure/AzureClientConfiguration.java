package io.amlwarden.azure;

import java.nio.file.Path;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the SDK: one {@link HttpClient} (timeouts, trust) shared by every client and by
 * the credential, the credential itself, and the {@link AzureClients} factory.
 * <p>
 * The {@link HttpClient} bean exists only when {@code warden.azure.live} is on (the
 * default). Local runs and tests switch it off and provide their own bean that sends a
 * copy of each request to the Azure simulator, so that the SDK's real authentication and
 * challenge code still runs.
 */
@Configuration(proxyBeanMethods = false)
class AzureClientConfiguration {

	@Bean
	AzureCloudProfile azureCloudProfile(AzureProperties properties) {
		return AzureCloudProfile.from(properties.cloud());
	}

	@Bean
	@ConditionalOnProperty(name = "warden.azure.live", havingValue = "true", matchIfMissing = true)
	HttpClient azureHttpClient(AzureProperties properties) {
		AzureProperties.Limits limits = properties.limits();
		reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create();
		if (properties.caBundle() != null && !properties.caBundle().isBlank()) {
			SslContext ssl = sslContext(Path.of(properties.caBundle()));
			netty = netty.secure((spec) -> spec.sslContext(ssl));
		}
		return new NettyAsyncHttpClientBuilder(netty).connectTimeout(limits.connectTimeout())
			.responseTimeout(limits.responseTimeout())
			.readTimeout(limits.responseTimeout())
			.writeTimeout(limits.responseTimeout())
			.build();
	}

	@Bean
	TokenCredential azureCredential(AzureProperties properties, AzureCloudProfile cloud, HttpClient httpClient) {
		AzureProperties.Credential credential = properties.credential();
		String tenant = properties.tenantId();
		return switch (credential.kind()) {
			case CLIENT_SECRET -> {
				ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder().tenantId(tenant)
					.clientId(credential.clientId())
					.clientSecret(credential.clientSecret())
					.authorityHost(cloud.authorityHost())
					.httpClient(httpClient);
				yield (cloud.custom() ? builder.disableInstanceDiscovery() : builder).build();
			}
			case CLIENT_CERTIFICATE -> {
				ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder().tenantId(tenant)
					.clientId(credential.clientId())
					.authorityHost(cloud.authorityHost())
					.httpClient(httpClient);
				String path = credential.certificatePath();
				if (path != null && (path.endsWith(".pfx") || path.endsWith(".p12"))) {
					builder.pfxCertificate(path).clientCertificatePassword(credential.certificatePassword());
				}
				else {
					builder.pemCertificate(path);
				}
				yield (cloud.custom() ? builder.disableInstanceDiscovery() : builder).build();
			}
			case WORKLOAD_IDENTITY -> {
				WorkloadIdentityCredentialBuilder builder = new WorkloadIdentityCredentialBuilder()
					.authorityHost(cloud.authorityHost())
					.httpClient(httpClient);
				if (tenant != null) {
					builder.tenantId(tenant);
				}
				if (credential.clientId() != null) {
					builder.clientId(credential.clientId());
				}
				if (credential.federatedTokenFile() != null) {
					builder.tokenFilePath(credential.federatedTokenFile());
				}
				yield (cloud.custom() ? builder.disableInstanceDiscovery() : builder).build();
			}
			case MANAGED_IDENTITY -> {
				ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder()
					.httpClient(httpClient);
				if (credential.clientId() != null) {
					builder.clientId(credential.clientId());
				}
				yield builder.build();
			}
			case DEFAULT -> {
				DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
					.authorityHost(cloud.authorityHost())
					.httpClient(httpClient);
				if (tenant != null) {
					builder.tenantId(tenant);
				}
				if (credential.clientId() != null) {
					builder.managedIdentityClientId(credential.clientId())
						.workloadIdentityClientId(credential.clientId());
				}
				yield builder.build();
			}
		};
	}

	@Bean
	AzureClients azureClients(AzureProperties properties, AzureCloudProfile cloud, HttpClient httpClient,
			TokenCredential credential, ObjectProvider<MeterRegistry> meterRegistry) {
		return new AzureClients(properties, cloud, httpClient, credential,
				meterRegistry.getIfAvailable(SimpleMeterRegistry::new));
	}

	private static SslContext sslContext(Path caBundle) {
		try {
			return SslContextBuilder.forClient().trustManager(OutboundTrust.withBundle(caBundle)).build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Cannot build the TLS context for " + caBundle, ex);
		}
	}

}
