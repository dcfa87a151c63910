package io.amlwarden.inventory;

import java.util.List;
import java.util.Map;

/**
 * A Key Vault ({@code Microsoft.KeyVault/vaults}). A {@code null} boolean means Azure did
 * not return it; for soft delete, purge protection and RBAC that means "not enabled".
 *
 * @param id ARM id
 * @param name vault name
 * @param subscriptionId subscription (lower-cased)
 * @param resourceGroup resource group (lower-cased)
 * @param location region
 * @param tags tags
 * @param tenantId the vault's tenant
 * @param sku standard or premium
 * @param vaultUri the data-plane URL, e.g. {@code https://kv.vault.azure.net/}
 * @param enableSoftDelete soft delete
 * @param softDeleteRetentionInDays retention
 * @param enablePurgeProtection purge protection (cannot be turned off once on)
 * @param enableRbacAuthorization Azure RBAC instead of access policies
 * @param publicNetworkAccess Enabled or Disabled
 * @param networkRules firewall
 * @param privateEndpointConnections private endpoints
 * @param accessPolicies access policies (ignored by Azure when RBAC is enabled)
 */
public record KeyVault(String id, String name, String subscriptionId, String resourceGroup, String location,
		Map<String, String> tags, String tenantId, String sku, String vaultUri, Boolean enableSoftDelete,
		Integer softDeleteRetentionInDays, Boolean enablePurgeProtection, Boolean enableRbacAuthorization,
		String publicNetworkAccess, NetworkRules networkRules,
		List<PrivateEndpointConnection> privateEndpointConnections, List<AccessPolicy> accessPolicies) {

	public KeyVault {
		tags = (tags != null) ? Map.copyOf(tags) : Map.of();
		privateEndpointConnections = (privateEndpointConnections != null) ? List.copyOf(privateEndpointConnections)
				: List.of();
		accessPolicies = (accessPolicies != null) ? List.copyOf(accessPolicies) : List.of();
	}

	/**
	 * One access policy entry.
	 *
	 * @param tenantId tenant
	 * @param objectId the principal
	 * @param keys key permissions
	 * @param secrets secret permissions
	 * @param certificates certificate permissions
	 */
	public record AccessPolicy(String tenantId, String objectId, List<String> keys, List<String> secrets,
			List<String> certificates) {

		public AccessPolicy {
			keys = (keys != null) ? List.copyOf(keys) : List.of();
			secrets = (secrets != null) ? List.copyOf(secrets) : List.of();
			certificates = (certificates != null) ? List.copyOf(certificates) : List.of();
		}

	}

}
