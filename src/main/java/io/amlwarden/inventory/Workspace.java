package io.amlwarden.inventory;

import java.util.List;
import java.util.Map;

/**
 * An Azure ML workspace ({@code Microsoft.MachineLearningServices/workspaces}) with the
 * properties posture checks need. Enum-like values are kept as the strings Azure
 * returned, since Azure's enums are extensible; compare them ignoring case.
 *
 * @param id ARM id as returned
 * @param name workspace name
 * @param subscriptionId subscription id (lower-cased)
 * @param resourceGroup resource group (lower-cased)
 * @param location Azure region
 * @param kind Default, Hub, Project, FeatureStore, ... ({@code null} on old workspaces)
 * @param sku SKU name
 * @param tags resource tags
 * @param identity managed identity
 * @param hubResourceId for a project, the hub it belongs to
 * @param associatedWorkspaces for a hub, its projects
 * @param keyVaultId the workspace's own Key Vault
 * @param storageAccountId default storage account
 * @param containerRegistryId container registry
 * @param applicationInsightsId Application Insights component
 * @param encryption customer-managed key settings; {@code null} when the workspace uses
 * Microsoft-managed keys
 * @param hbiWorkspace high business impact flag
 * @param publicNetworkAccess Enabled or Disabled; {@code null} when absent
 * @param allowPublicAccessWhenBehindVnet legacy public access behind a VNet
 * @param managedNetwork managed VNet settings; {@code null} when absent
 * @param privateEndpointConnections private endpoints
 * @param systemDatastoresAuthMode AccessKey, Identity, UserDelegationSAS
 * @param enableServiceSideCmkEncryption preview service-side CMK (does not support
 * rotation)
 * @param enableDataIsolation data isolation flag
 * @param v1LegacyMode v1 legacy mode
 * @param primaryUserAssignedIdentity the UAI used to access dependent resources
 * @param provisioningState e.g. Succeeded
 * @param computes computes of the workspace
 * @param onlineEndpoints managed online endpoints of the workspace
 */
public record Workspace(String id, String name, String subscriptionId, String resourceGroup, String location,
		String kind, String sku, Map<String, String> tags, ManagedIdentity identity, String hubResourceId,
		List<String> associatedWorkspaces, String keyVaultId, String storageAccountId, String containerRegistryId,
		String applicationInsightsId, WorkspaceEncryption encryption, Boolean hbiWorkspace, String publicNetworkAccess,
		Boolean allowPublicAccessWhenBehindVnet, ManagedNetwork managedNetwork,
		List<PrivateEndpointConnection> privateEndpointConnections, String systemDatastoresAuthMode,
		Boolean enableServiceSideCmkEncryption, Boolean enableDataIsolation, Boolean v1LegacyMode,
		String primaryUserAssignedIdentity, String provisioningState, ReadResult<List<Compute>> computes,
		ReadResult<List<OnlineEndpoint>> onlineEndpoints) {

	public Workspace {
		tags = (tags != null) ? Map.copyOf(tags) : Map.of();
		identity = (identity != null) ? identity : ManagedIdentity.none();
		associatedWorkspaces = (associatedWorkspaces != null) ? List.copyOf(associatedWorkspaces) : List.of();
		privateEndpointConnections = (privateEndpointConnections != null) ? List.copyOf(privateEndpointConnections)
				: List.of();
		computes = (computes != null) ? computes : ReadResult.notCollected();
		onlineEndpoints = (onlineEndpoints != null) ? onlineEndpoints : ReadResult.notCollected();
	}

	public boolean isKind(String expected) {
		return expected.equalsIgnoreCase(this.kind);
	}

	/**
	 * ARM ids of every resource this workspace depends on (own vault, CMK vault, storage,
	 * registry, Application Insights), without nulls or duplicates.
	 */
	public List<String> linkedResourceIds() {
		java.util.LinkedHashMap<String, String> ids = new java.util.LinkedHashMap<>();
		for (String id : new String[] { this.keyVaultId,
				(this.encryption != null) ? this.encryption.keyVaultArmId() : null, this.storageAccountId,
				this.containerRegistryId, this.applicationInsightsId }) {
			if (ArmIds.key(id) != null) {
				ids.putIfAbsent(ArmIds.key(id), id);
			}
		}
		return List.copyOf(ids.values());
	}

	/**
	 * Returns a copy with the computes and online endpoints replaced.
	 */
	public Workspace withChildren(ReadResult<List<Compute>> newComputes,
			ReadResult<List<OnlineEndpoint>> newEndpoints) {
		return new Workspace(this.id, this.name, this.subscriptionId, this.resourceGroup, this.location, this.kind,
				this.sku, this.tags, this.identity, this.hubResourceId, this.associatedWorkspaces, this.keyVaultId,
				this.storageAccountId, this.containerRegistryId, this.applicationInsightsId, this.encryption,
				this.hbiWorkspace, this.publicNetworkAccess, this.allowPublicAccessWhenBehindVnet, this.managedNetwork,
				this.privateEndpointConnections, this.systemDatastoresAuthMode, this.enableServiceSideCmkEncryption,
				this.enableDataIsolation, this.v1LegacyMode, this.primaryUserAssignedIdentity, this.provisioningState,
				newComputes, newEndpoints);
	}

}
