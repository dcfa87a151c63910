package io.amlwarden.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A storage account ({@code Microsoft.Storage/storageAccounts}).
 *
 * @param id ARM id
 * @param name account name
 * @param subscriptionId subscription (lower-cased)
 * @param resourceGroup resource group (lower-cased)
 * @param location region
 * @param kind StorageV2, BlobStorage, ...
 * @param sku SKU name
 * @param tags tags
 * @param supportsHttpsTrafficOnly HTTPS only
 * @param minimumTlsVersion TLS1_0, TLS1_1, TLS1_2, TLS1_3
 * @param allowBlobPublicAccess anonymous blob access
 * @param allowSharedKeyAccess shared key (account key) access
 * @param allowCrossTenantReplication cross-tenant object replication
 * @param defaultToOAuthAuthentication Entra ID by default in the portal
 * @param publicNetworkAccess Enabled or Disabled
 * @param networkRules firewall
 * @param privateEndpointConnections private endpoints
 * @param encryption encryption settings
 * @param keyExpirationPeriodInDays {@code keyPolicy.keyExpirationPeriodInDays}
 * @param key1CreationTime {@code keyCreationTime.key1}
 * @param key2CreationTime {@code keyCreationTime.key2}
 * @param sasExpirationPeriod {@code sasPolicy.sasExpirationPeriod}
 * @param sasExpirationAction {@code sasPolicy.expirationAction}
 */
public record StorageAccount(String id, String name, String subscriptionId, String resourceGroup, String location,
		String kind, String sku, Map<String, String> tags, Boolean supportsHttpsTrafficOnly, String minimumTlsVersion,
		Boolean allowBlobPublicAccess, Boolean allowSharedKeyAccess, Boolean allowCrossTenantReplication,
		Boolean defaultToOAuthAuthentication, String publicNetworkAccess, NetworkRules networkRules,
		List<PrivateEndpointConnection> privateEndpointConnections, Encryption encryption,
		Integer keyExpirationPeriodInDays, Instant key1CreationTime, Instant key2CreationTime,
		String sasExpirationPeriod, String sasExpirationAction) {

	public StorageAccount {
		tags = (tags != null) ? Map.copyOf(tags) : Map.of();
		privateEndpointConnections = (privateEndpointConnections != null) ? List.copyOf(privateEndpointConnections)
				: List.of();
	}

	/**
	 * The account's encryption ({@code properties.encryption}; Azure spells the key vault
	 * part {@code keyvaultproperties}).
	 *
	 * @param keySource Microsoft.Storage or Microsoft.Keyvault
	 * @param requireInfrastructureEncryption double encryption
	 * @param keyVaultUri vault URL of the CMK
	 * @param keyName CMK name
	 * @param keyVersion CMK version; empty or {@code null} means the account follows the
	 * latest version
	 * @param currentVersionedKeyIdentifier the version in use
	 * @param lastKeyRotationTimestamp when storage last picked up a new version
	 * @param userAssignedIdentity the identity used to reach the key
	 */
	public record Encryption(String keySource, Boolean requireInfrastructureEncryption, String keyVaultUri,
			String keyName, String keyVersion, String currentVersionedKeyIdentifier, Instant lastKeyRotationTimestamp,
			String userAssignedIdentity) {

		public boolean usesCustomerManagedKey() {
			return "microsoft.keyvault".equalsIgnoreCase(this.keySource);
		}

	}

}
