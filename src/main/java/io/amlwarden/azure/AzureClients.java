package io.amlwarden.azure;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.keyvault.KeyVaultManager;
import com.azure.resourcemanager.monitor.MonitorManager;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds and caches the SDK clients: the ARM managers of each subscription, one Resource
 * Graph client, one {@link KeyClient} per vault and a Microsoft Graph pipeline. Every
 * client shares the same {@link HttpClient}, credential, retry policy and
 * {@link AzureRequestPolicy}.
 * <p>
 * Retries: the SDK's {@link RetryPolicy} honours {@code Retry-After} (and its millisecond
 * variants) on 429 and 503, and otherwise backs off exponentially with jitter up to the
 * cap; it retries 408, 429, 5xx (except 501/505) and I/O errors.
 */
class AzureClients {

	private final AzureProperties properties;

	private final AzureCloudProfile cloud;

	private final HttpClient httpClient;

	private final TokenCredential credential;

	private final MeterRegistry meterRegistry;

	private final Map<String, ArmClients> armClients = new ConcurrentHashMap<>();

	private final Map<String, KeyClient> keyClients = new ConcurrentHashMap<>();

	private final Map<AzureApi, AzureRequestPolicy> requestPolicies = new ConcurrentHashMap<>();

	private final SubscriptionPacer pacer;

	private final ArmHostGuard armGuard;

	private final ArmHostGuard graphGuard;

	private volatile ResourceGraphManager resourceGraph;

	private volatile HttpPipeline directoryPipeline;

	AzureClients(AzureProperties properties, AzureCloudProfile cloud, HttpClient httpClient, TokenCredential credential,
			MeterRegistry meterRegistry) {
		this.properties = properties;
		this.cloud = cloud;
		this.httpClient = httpClient;
		this.credential = credential;
		this.meterRegistry = meterRegistry;
		this.pacer = new SubscriptionPacer(properties.limits().armReadBurst(), properties.limits().armReadsPerSecond());
		this.armGuard = ArmHostGuard.resourceManager(cloud);
		this.graphGuard = ArmHostGuard.microsoftGraph(cloud);
	}

	AzureCloudProfile cloud() {
		return this.cloud;
	}

	/**
	 * The guard of every ARM pipeline; builds ARM URLs and checks links before they are
	 * followed.
	 */
	ArmHostGuard armGuard() {
		return this.armGuard;
	}

	ArmHostGuard graphGuard() {
		return this.graphGuard;
	}

	AzureProperties properties() {
		return this.properties;
	}

	/**
	 * The ARM clients of a subscription: only the managers the service uses (Key Vault,
	 * Monitor) over one authenticated pipeline, which is far cheaper to build than a
	 * whole {@code AzureResourceManager}.
	 */
	private ArmClients arm(String subscriptionId) {
		return this.armClients.computeIfAbsent(subscriptionId.toLowerCase(Locale.ROOT), (subscription) -> {
			KeyVaultManager keyVault = KeyVaultManager.configure()
				.withHttpClient(this.httpClient)
				.withRetryOptions(retryOptions())
				.withPolicy(this.armGuard)
				.withPolicy(requestPolicy(AzureApi.ARM))
				.withPolicy(new ArmReadPacingPolicy(this.pacer))
				.withLogOptions(new HttpLogOptions())
				.authenticate(this.credential, profile(subscription));
			return new ArmClients(keyVault,
					MonitorManager.authenticate(keyVault.httpPipeline(), profile(subscription)));
		});
	}

	KeyVaultManager keyVaultManager(String subscriptionId) {
		return arm(subscriptionId).keyVault();
	}

	MonitorManager monitorManager(String subscriptionId) {
		return arm(subscriptionId).monitor();
	}

	/**
	 * The authenticated ARM pipeline (auth, retries, pacing, metrics) for raw calls to
	 * providers without a Java SDK (Machine Learning, Security).
	 */
	HttpPipeline armPipeline(String subscriptionId) {
		return arm(subscriptionId).keyVault().httpPipeline();
	}

	ResourceGraphManager resourceGraph() {
		ResourceGraphManager manager = this.resourceGraph;
		if (manager == null) {
			synchronized (this) {
				if (this.resourceGraph == null) {
					this.resourceGraph = ResourceGraphManager.configure()
						.withHttpClient(this.httpClient)
						.withRetryOptions(retryOptions())
						.withPolicy(this.armGuard)
						.withPolicy(requestPolicy(AzureApi.RESOURCE_GRAPH))
						.authenticate(this.credential, profile(null));
				}
				manager = this.resourceGraph;
			}
		}
		return manager;
	}

	/**
	 * The data-plane client of a vault.
	 * @param vaultUrl e.g. {@code https://kv1.vault.azure.net}
	 * @throws IllegalArgumentException when the URL is not a vault of the configured
	 * cloud, so that tokens are never sent to a host taken from a resource's properties
	 */
	KeyClient keyClient(String vaultUrl) {
		if (!this.cloud.isVaultUrl(vaultUrl)) {
			throw new IllegalArgumentException("Not a Key Vault URL of cloud " + this.cloud.name() + ": " + vaultUrl);
		}
		String key = vaultUrl.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
		return this.keyClients.computeIfAbsent(key,
				(url) -> new KeyClientBuilder().vaultUrl(url)
					.credential(this.credential)
					.httpClient(this.httpClient)
					.retryOptions(retryOptions())
					.addPolicy(requestPolicy(AzureApi.KEY_VAULT))
					.buildClient());
	}

	/**
	 * A pipeline for Microsoft Graph calls (principal lookups).
	 */
	HttpPipeline directoryPipeline() {
		HttpPipeline pipeline = this.directoryPipeline;
		if (pipeline == null) {
			synchronized (this) {
				if (this.directoryPipeline == null) {
					this.directoryPipeline = new HttpPipelineBuilder().httpClient(this.httpClient)
						.policies(this.graphGuard, new UserAgentPolicy("aml-warden"), new RetryPolicy(retryOptions()),
								new BearerTokenAuthenticationPolicy(this.credential, this.cloud.microsoftGraphScope()),
								requestPolicy(AzureApi.MICROSOFT_GRAPH))
						.build();
				}
				pipeline = this.directoryPipeline;
			}
		}
		return pipeline;
	}

	private AzureProfile profile(String subscription) {
		return new AzureProfile(this.properties.tenantId(), subscription, this.cloud.toEnvironment());
	}

	private RetryOptions retryOptions() {
		AzureProperties.Limits limits = this.properties.limits();
		return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(limits.maxRetries())
			.setBaseDelay(limits.retryBaseDelay())
			.setMaxDelay(maxDelay(limits)));
	}

	private static Duration maxDelay(AzureProperties.Limits limits) {
		return limits.retryMaxDelay().compareTo(limits.retryBaseDelay()) < 0 ? limits.retryBaseDelay()
				: limits.retryMaxDelay();
	}

	private AzureRequestPolicy requestPolicy(AzureApi service) {
		return this.requestPolicies.computeIfAbsent(service, (s) -> new AzureRequestPolicy(s, this.meterRegistry));
	}

	private record ArmClients(KeyVaultManager keyVault, MonitorManager monitor) {
	}

}
