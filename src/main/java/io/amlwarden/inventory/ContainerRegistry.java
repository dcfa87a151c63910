package io.amlwarden.inventory;

import java.util.List;
import java.util.Map;

/**
 * A container registry ({@code Microsoft.ContainerRegistry/registries}).
 *
 * @param id ARM id
 * @param name registry name
 * @param subscriptionId subscription (lower-cased)
 * @param resourceGroup resource group (lower-cased)
 * @param location region
 * @param sku Basic, Standard, Premium
 * @param tags tags
 * @param adminUserEnabled the admin user
 * @param publicNetworkAccess Enabled or Disabled
 * @param networkRules {@code networkRuleSet}
 * @param anonymousPullEnabled anonymous pull
 * @param encryptionStatus {@code encryption.status}: enabled or disabled
 * @param exportPolicyStatus {@code policies.exportPolicy.status}
 * @param azureAdAuthenticationAsArmPolicyStatus
 * {@code policies.azureADAuthenticationAsArmPolicy.status}
 * @param privateEndpointConnections private endpoints
 */
public record ContainerRegistry(String id, String name, String subscriptionId, String resourceGroup, String location,
		String sku, Map<String, String> tags, Boolean adminUserEnabled, String publicNetworkAccess,
		NetworkRules networkRules, Boolean anonymousPullEnabled, String encryptionStatus, String exportPolicyStatus,
		String azureAdAuthenticationAsArmPolicyStatus, List<PrivateEndpointConnection> privateEndpointConnections) {

	public ContainerRegistry {
		tags = (tags != null) ? Map.copyOf(tags) : Map.of();
		privateEndpointConnections = (privateEndpointConnections != null) ? List.copyOf(privateEndpointConnections)
				: List.of();
	}

}
