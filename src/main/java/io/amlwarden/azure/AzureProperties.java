package io.amlwarden.azure;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the Azure module ({@code warden.azure.*}).
 *
 * @param live whether the service audits real subscriptions (the default: a packaged jar
 * without configuration talks to Azure); only the local launcher and tests set it to
 * {@code false}, and they then supply the {@code HttpClient} that reaches their Azure
 * simulator
 * @param tenantId the Entra tenant of the audited subscriptions
 * @param subscriptions the subscriptions a scheduled scan covers by default
 * @param cloud which Azure cloud, and endpoint overrides
 * @param credential how to authenticate
 * @param caBundle optional PEM file of extra CA certificates trusted for outbound TLS
 * (e.g. a TLS-inspecting proxy), added to the JVM trust store, never replacing it
 * @param limits timeouts, retries, concurrency and request budget
 * @param collect what the inventory collector reads beyond Resource Graph
 */
@ConfigurationProperties("warden.azure")
record AzureProperties(@DefaultValue("true") boolean live, String tenantId, List<String> subscriptions,
		@DefaultValue Cloud cloud, @DefaultValue Credential credential, String caBundle, @DefaultValue Limits limits,
		@DefaultValue Collect collect) {

	AzureProperties {
		subscriptions = (subscriptions != null) ? List.copyOf(subscriptions) : List.of();
		for (String subscription : subscriptions) {
			if (!ArmId.isSubscriptionId(subscription)) {
				// Fails start-up: a subscription id becomes part of ARM URLs.
				throw new IllegalArgumentException("warden.azure.subscriptions must hold subscription ids (GUIDs)");
			}
		}
	}

	/**
	 * The cloud. {@code name} is {@code AzureCloud}, {@code AzureChinaCloud},
	 * {@code AzureUSGovernment} or {@code custom}; any endpoint set here overrides the
	 * profile's, and {@code custom} requires all of them.
	 *
	 * @param name profile name
	 * @param resourceManagerEndpoint e.g. {@code https://management.azure.com/}
	 * @param resourceManagerAudience token audience for ARM, e.g.
	 * {@code https://management.core.windows.net/}
	 * @param microsoftGraphEndpoint e.g. {@code https://graph.microsoft.com/}
	 * @param authorityHost e.g. {@code https://login.microsoftonline.com/}
	 * @param keyVaultDnsSuffix e.g. {@code .vault.azure.net}
	 */
	record Cloud(@DefaultValue("AzureCloud") String name, String resourceManagerEndpoint,
			String resourceManagerAudience, String microsoftGraphEndpoint, String authorityHost,
			String keyVaultDnsSuffix) {
	}

	/**
	 * The credential. {@code default} chains workload identity, managed identity and the
	 * Azure CLI; the other kinds use only what is configured here. Secrets belong in Key
	 * Vault or the environment, never in files under version control.
	 *
	 * @param kind which credential
	 * @param clientId application (client) id, or the user-assigned identity's client id
	 * @param clientSecret for {@code client-secret}
	 * @param certificatePath PEM or PFX file for {@code client-certificate}
	 * @param certificatePassword PFX password
	 * @param federatedTokenFile token file for {@code workload-identity} (defaults to
	 * {@code AZURE_FEDERATED_TOKEN_FILE})
	 */
	record Credential(@DefaultValue("default") Kind kind, String clientId, String clientSecret, String certificatePath,
			String certificatePassword, String federatedTokenFile) {

		enum Kind {

			DEFAULT, CLIENT_SECRET, CLIENT_CERTIFICATE, WORKLOAD_IDENTITY, MANAGED_IDENTITY

		}

		@Override
		public String toString() {
			// Records print every component; the secret and the password must never
			// reach a log line.
			return "Credential[kind=" + this.kind + ", clientId=" + this.clientId + ", clientSecret="
					+ ((this.clientSecret != null) ? "******" : null) + ", certificatePath=" + this.certificatePath
					+ ", certificatePassword=" + ((this.certificatePassword != null) ? "******" : null)
					+ ", federatedTokenFile=" + this.federatedTokenFile + "]";
		}

	}

	/**
	 * Timeouts, retries, concurrency and budget. The ARM defaults mirror ARM's
	 * per-subscription read bucket (250 burst, 25/s) so that a scan paces itself instead
	 * of collecting 429s.
	 *
	 * @param connectTimeout TCP/TLS connect timeout
	 * @param responseTimeout time to wait for a response per attempt
	 * @param maxRetries retries of 408/429/5xx and I/O errors
	 * @param retryBaseDelay base of the exponential backoff (with jitter)
	 * @param retryMaxDelay cap of the backoff
	 * @param parallelSubscriptions subscriptions collected at the same time
	 * @param perSubscriptionConcurrency requests in flight per subscription
	 * @param perVaultConcurrency requests in flight per Key Vault
	 * @param armReadBurst client-side ARM read bucket size per subscription
	 * @param armReadsPerSecond client-side ARM read refill per subscription
	 * @param requestBudget ARM plus Key Vault requests one scan may send; 0 means
	 * unlimited. When spent, the scan stops and the snapshot is marked partial.
	 * @param graphSubscriptionBatch subscriptions per Resource Graph query (Graph allows
	 * fewer than 300 comfortably)
	 * @param graphPageSize rows per Resource Graph page (max 1000)
	 */
	record Limits(@DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration responseTimeout,
			@DefaultValue("4") int maxRetries, @DefaultValue("800ms") Duration retryBaseDelay,
			@DefaultValue("30s") Duration retryMaxDelay, @DefaultValue("8") int parallelSubscriptions,
			@DefaultValue("8") int perSubscriptionConcurrency, @DefaultValue("2") int perVaultConcurrency,
			@DefaultValue("250") int armReadBurst, @DefaultValue("25") double armReadsPerSecond,
			@DefaultValue("0") long requestBudget, @DefaultValue("200") int graphSubscriptionBatch,
			@DefaultValue("1000") int graphPageSize) {
	}

	/**
	 * What the collector reads beyond Resource Graph.
	 *
	 * @param diagnosticSettings diagnostic settings of workspaces and their dependencies
	 * (one ARM read per resource)
	 * @param keyVersions every version of each CMK (one more ARM read per key)
	 * @param principals resolve role-assignment principals through Microsoft Graph
	 */
	record Collect(@DefaultValue("true") boolean diagnosticSettings, @DefaultValue("false") boolean keyVersions,
			@DefaultValue("true") boolean principals) {
	}

}
