package io.amlwarden.azure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.azure.resourcemanager.keyvault.fluent.models.KeyInner;
import com.azure.resourcemanager.keyvault.models.JsonWebKeyOperation;
import com.azure.resourcemanager.keyvault.models.KeyRotationPolicyAttributes;
import com.azure.resourcemanager.keyvault.models.LifetimeAction;
import com.azure.resourcemanager.monitor.fluent.models.DiagnosticSettingsResourceInner;
import com.azure.resourcemanager.monitor.models.LogSettings;
import com.azure.resourcemanager.monitor.models.MetricSettings;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.inventory.DefenderPricing;
import io.amlwarden.inventory.DiagnosticSetting;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.ManagedIdentity;
import io.amlwarden.inventory.ManagedNetwork;
import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.inventory.NetworkRules;
import io.amlwarden.inventory.OnlineEndpoint;
import io.amlwarden.inventory.PrivateEndpointConnection;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.RoleDefinition;
import io.amlwarden.inventory.RotationPolicy;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.inventory.WorkspaceEncryption;

import static io.amlwarden.azure.Json.at;
import static io.amlwarden.azure.Json.bool;
import static io.amlwarden.azure.Json.integer;
import static io.amlwarden.azure.Json.list;
import static io.amlwarden.azure.Json.map;
import static io.amlwarden.azure.Json.str;
import static io.amlwarden.azure.Json.strings;

/**
 * Turns Azure resources into inventory records. Resource Graph rows and ARM responses
 * share the ARM resource shape ({@code id}, {@code name}, {@code kind}, {@code sku},
 * {@code identity}, {@code properties}, ...), so one mapping serves both the bulk path
 * and the ARM fallback.
 */
final class InventoryMapper {

	static final String WORKSPACE = "microsoft.machinelearningservices/workspaces";

	static final String COMPUTE = "microsoft.machinelearningservices/workspaces/computes";

	static final String ONLINE_ENDPOINT = "microsoft.machinelearningservices/workspaces/onlineendpoints";

	static final String VAULT = "microsoft.keyvault/vaults";

	static final String STORAGE = "microsoft.storage/storageaccounts";

	static final String REGISTRY = "microsoft.containerregistry/registries";

	static final String ROLE_ASSIGNMENT = "microsoft.authorization/roleassignments";

	static final String ROLE_DEFINITION = "microsoft.authorization/roledefinitions";

	static final String PRICING = "microsoft.security/pricings";

	private InventoryMapper() {
	}

	static String type(Map<String, Object> resource) {
		String type = str(resource, "type");
		return (type != null) ? type.toLowerCase(java.util.Locale.ROOT) : "";
	}

	static Workspace workspace(Map<String, Object> r) {
		Map<String, Object> p = map(r, "properties");
		String id = str(r, "id");
		WorkspaceEncryption encryption = null;
		if (!map(p, "encryption").isEmpty()) {
			encryption = new WorkspaceEncryption(str(p, "encryption", "status"),
					str(p, "encryption", "keyVaultProperties", "keyVaultArmId"),
					str(p, "encryption", "keyVaultProperties", "keyIdentifier"),
					blankToNull(str(p, "encryption", "keyVaultProperties", "identityClientId")),
					blankToNull(str(p, "encryption", "identity", "userAssignedIdentity")));
		}
		ManagedNetwork managedNetwork = null;
		if (!map(p, "managedNetwork").isEmpty()) {
			List<ManagedNetwork.OutboundRule> rules = new ArrayList<>();
			map(p, "managedNetwork", "outboundRules")
				.forEach((name, rule) -> rules.add(new ManagedNetwork.OutboundRule(name, str(rule, "type"),
						str(rule, "category"), str(rule, "status"), destination(at(rule, "destination")))));
			managedNetwork = new ManagedNetwork(str(p, "managedNetwork", "isolationMode"),
					str(p, "managedNetwork", "status", "status"), str(p, "managedNetwork", "firewallSku"),
					str(p, "managedNetwork", "managedNetworkKind"), rules);
		}
		return new Workspace(id, str(r, "name"), ArmIds.subscriptionOf(id), ArmIds.resourceGroupOf(id),
				str(r, "location"), str(r, "kind"), str(r, "sku", "name"), Json.stringMap(r, "tags"), identity(r),
				str(p, "hubResourceId"), strings(p, "associatedWorkspaces"), str(p, "keyVault"),
				str(p, "storageAccount"), blankToNull(str(p, "containerRegistry")),
				blankToNull(str(p, "applicationInsights")), encryption, bool(p, "hbiWorkspace"),
				str(p, "publicNetworkAccess"), bool(p, "allowPublicAccessWhenBehindVnet"), managedNetwork,
				privateEndpoints(p), str(p, "systemDatastoresAuthMode"), bool(p, "enableServiceSideCMKEncryption"),
				bool(p, "enableDataIsolation"), bool(p, "v1LegacyMode"),
				blankToNull(str(p, "primaryUserAssignedIdentity")), str(p, "provisioningState"),
				ReadResult.notCollected(), ReadResult.notCollected());
	}

	static Compute compute(Map<String, Object> r) {
		Map<String, Object> p = map(r, "properties");
		String id = str(r, "id");
		return new Compute(id, str(r, "name"), parentWorkspace(id), str(p, "computeType"), bool(p, "disableLocalAuth"),
				str(p, "properties", "subnet", "id"), bool(p, "properties", "enableNodePublicIp"),
				firstNonNull(str(p, "properties", "remoteLoginPortPublicAccess"),
						str(p, "properties", "sshSettings", "sshPublicAccess")),
				bool(p, "properties", "osImageMetadata", "isLatestOsImageVersion"),
				str(p, "properties", "idleTimeBeforeShutdown"),
				integer(p, "properties", "scaleSettings", "minNodeCount"), str(p, "provisioningState"));
	}

	static OnlineEndpoint onlineEndpoint(Map<String, Object> r) {
		Map<String, Object> p = map(r, "properties");
		String id = str(r, "id");
		return new OnlineEndpoint(id, str(r, "name"), parentWorkspace(id), str(p, "authMode"),
				str(p, "publicNetworkAccess"), str(p, "provisioningState"));
	}

	static KeyVault vault(Map<String, Object> r) {
		Map<String, Object> p = map(r, "properties");
		String id = str(r, "id");
		List<KeyVault.AccessPolicy> policies = new ArrayList<>();
		for (Object policy : list(p, "accessPolicies")) {
			policies.add(new KeyVault.AccessPolicy(str(policy, "tenantId"), str(policy, "objectId"),
					strings(policy, "permissions", "keys"), strings(policy, "permissions", "secrets"),
					strings(policy, "permissions", "certificates")));
		}
		return new KeyVault(id, str(r, "name"), ArmIds.subscriptionOf(id), ArmIds.resourceGroupOf(id),
				str(r, "location"), Json.stringMap(r, "tags"), str(p, "tenantId"), str(p, "sku", "name"),
				str(p, "vaultUri"), bool(p, "enableSoftDelete"), integer(p, "softDeleteRetentionInDays"),
				bool(p, "enablePurgeProtection"), bool(p, "enableRbacAuthorization"), str(p, "publicNetworkAccess"),
				networkRules(map(p, "networkAcls")), privateEndpoints(p), policies);
	}

	static StorageAccount storageAccount(Map<String, Object> r) {
		Map<String, Object> p = map(r, "properties");
		String id = str(r, "id");
		Map<String, Object> e = map(p, "encryption");
		StorageAccount.Encryption encryption = e.isEmpty() ? null
				: new StorageAccount.Encryption(str(e, "keySource"), bool(e, "requireInfrastructureEncryption"),
						str(e, "keyvaultproperties", "keyvaulturi"), str(e, "keyvaultproperties", "keyname"),
						str(e, "keyvaultproperties", "keyversion"),
						str(e, "keyvaultproperties", "currentVersionedKeyIdentifier"),
						Json.instant(e, "keyvaultproperties", "lastKeyRotationTimestamp"),
						blankToNull(str(e, "identity", "userAssignedIdentity")));
		return new StorageAccount(id, str(r, "name"), ArmIds.subscriptionOf(id), ArmIds.resourceGroupOf(id),
				str(r, "location"), str(r, "kind"), str(r, "sku", "name"), Json.stringMap(r, "tags"),
				bool(p, "supportsHttpsTrafficOnly"), str(p, "minimumTlsVersion"), bool(p, "allowBlobPublicAccess"),
				bool(p, "allowSharedKeyAccess"), bool(p, "allowCrossTenantReplication"),
				bool(p, "defaultToOAuthAuthentication"), str(p, "publicNetworkAccess"),
				networkRules(map(p, "networkAcls")), privateEndpoints(p), encryption,
				integer(p, "keyPolicy", "keyExpirationPeriodInDays"), Json.instant(p, "keyCreationTime", "key1"),
				Json.instant(p, "keyCreationTime", "key2"), str(p, "sasPolicy", "sasExpirationPeriod"),
				str(p, "sasPolicy", "expirationAction"));
	}

	static ContainerRegistry registry(Map<String, Object> r) {
		Map<String, Object> p = map(r, "properties");
		String id = str(r, "id");
		return new ContainerRegistry(id, str(r, "name"), ArmIds.subscriptionOf(id), ArmIds.resourceGroupOf(id),
				str(r, "location"), str(r, "sku", "name"), Json.stringMap(r, "tags"), bool(p, "adminUserEnabled"),
				str(p, "publicNetworkAccess"), networkRules(map(p, "networkRuleSet")), bool(p, "anonymousPullEnabled"),
				str(p, "encryption", "status"), str(p, "policies", "exportPolicy", "status"),
				str(p, "policies", "azureADAuthenticationAsArmPolicy", "status"), privateEndpoints(p));
	}

	static MonitoringResource monitoring(Map<String, Object> r) {
		Map<String, Object> p = map(r, "properties");
		String id = str(r, "id");
		String type = type(r);
		Boolean disableLocalAuth = MonitoringResource.APP_INSIGHTS.equals(type) ? bool(p, "DisableLocalAuth")
				: bool(p, "features", "disableLocalAuth");
		return new MonitoringResource(id, str(r, "name"), type, ArmIds.subscriptionOf(id), ArmIds.resourceGroupOf(id),
				str(r, "location"), disableLocalAuth, str(p, "publicNetworkAccessForIngestion"),
				str(p, "publicNetworkAccessForQuery"), str(p, "WorkspaceResourceId"));
	}

	static RoleAssignment roleAssignment(Map<String, Object> r) {
		Map<String, Object> p = map(r, "properties");
		return new RoleAssignment(str(r, "id"), str(r, "name"), str(p, "scope"), str(p, "roleDefinitionId"),
				str(p, "principalId"), str(p, "principalType"), str(p, "condition"), str(p, "conditionVersion"),
				str(p, "description"), Json.instant(p, "createdOn"), Json.instant(p, "updatedOn"), str(p, "createdBy"),
				str(p, "updatedBy"), str(p, "delegatedManagedIdentityResourceId"));
	}

	static RoleDefinition roleDefinition(Map<String, Object> r) {
		Map<String, Object> p = map(r, "properties");
		List<RoleDefinition.Permission> permissions = new ArrayList<>();
		for (Object permission : list(p, "permissions")) {
			permissions
				.add(new RoleDefinition.Permission(strings(permission, "actions"), strings(permission, "notActions"),
						strings(permission, "dataActions"), strings(permission, "notDataActions")));
		}
		return new RoleDefinition(str(r, "id"), str(r, "name"), str(p, "roleName"), str(p, "type"),
				str(p, "description"), strings(p, "assignableScopes"), permissions);
	}

	static DefenderPricing pricing(Map<String, Object> r) {
		String id = str(r, "id");
		return new DefenderPricing(id, ArmIds.subscriptionOf(id), str(r, "name"), str(r, "properties", "pricingTier"),
				str(r, "properties", "subPlan"));
	}

	/**
	 * A key read through ARM ({@code vaults/keys}), including its rotation policy, which
	 * ARM returns without touching the vault's data plane.
	 */
	static VaultKey key(String vaultId, KeyInner key, ReadResult<List<VaultKey.KeyVersion>> versions) {
		ReadResult<RotationPolicy> policy = ReadResult.absent();
		if (key.rotationPolicy() != null && key.rotationPolicy().lifetimeActions() != null
				&& !key.rotationPolicy().lifetimeActions().isEmpty()) {
			List<RotationPolicy.LifetimeAction> actions = new ArrayList<>();
			for (LifetimeAction action : key.rotationPolicy().lifetimeActions()) {
				actions.add(new RotationPolicy.LifetimeAction(
						RotationPolicy.Action.parse((action.action() != null && action.action().type() != null)
								? action.action().type().toString() : null),
						(action.trigger() != null) ? action.trigger().timeAfterCreate() : null,
						(action.trigger() != null) ? action.trigger().timeBeforeExpiry() : null));
			}
			KeyRotationPolicyAttributes attributes = key.rotationPolicy().attributes();
			policy = ReadResult.present(new RotationPolicy((attributes != null) ? attributes.expiryTime() : null,
					actions, (attributes != null) ? Json.epochSeconds(attributes.created()) : null,
					(attributes != null) ? Json.epochSeconds(attributes.updated()) : null));
		}
		List<String> ops = new ArrayList<>();
		if (key.keyOps() != null) {
			for (JsonWebKeyOperation op : key.keyOps()) {
				ops.add(op.toString());
			}
		}
		var attributes = key.attributes();
		return new VaultKey(key.id(), vaultId, key.name(), key.keyUri(), key.keyUriWithVersion(),
				(key.kty() != null) ? key.kty().toString() : null, key.keySize(), ops,
				(attributes != null) ? attributes.enabled() : null,
				(attributes != null) ? Json.epochSeconds(attributes.created()) : null,
				(attributes != null) ? Json.epochSeconds(attributes.updated()) : null,
				(attributes != null) ? Json.epochSeconds(attributes.notBefore()) : null,
				(attributes != null) ? Json.epochSeconds(attributes.expires()) : null,
				(attributes != null && attributes.recoveryLevel() != null) ? attributes.recoveryLevel().toString()
						: null,
				key.tags(), policy, versions);
	}

	static VaultKey.KeyVersion keyVersion(KeyInner version) {
		var attributes = version.attributes();
		String kid = version.keyUriWithVersion();
		return new VaultKey.KeyVersion(io.amlwarden.inventory.KeyUrls.version(kid), kid,
				(attributes != null) ? attributes.enabled() : null,
				(attributes != null) ? Json.epochSeconds(attributes.created()) : null,
				(attributes != null) ? Json.epochSeconds(attributes.updated()) : null,
				(attributes != null) ? Json.epochSeconds(attributes.notBefore()) : null,
				(attributes != null) ? Json.epochSeconds(attributes.expires()) : null);
	}

	static DiagnosticSetting diagnosticSetting(String resourceId, DiagnosticSettingsResourceInner setting) {
		List<DiagnosticSetting.Log> logs = new ArrayList<>();
		if (setting.logs() != null) {
			for (LogSettings log : setting.logs()) {
				logs.add(new DiagnosticSetting.Log(log.category(), log.categoryGroup(), log.enabled()));
			}
		}
		List<DiagnosticSetting.Log> metrics = new ArrayList<>();
		if (setting.metrics() != null) {
			for (MetricSettings metric : setting.metrics()) {
				metrics.add(new DiagnosticSetting.Log(metric.category(), null, metric.enabled()));
			}
		}
		return new DiagnosticSetting(setting.id(), resourceId, setting.name(), setting.workspaceId(),
				setting.storageAccountId(), setting.eventHubAuthorizationRuleId(), logs, metrics);
	}

	private static ManagedIdentity identity(Map<String, Object> r) {
		Map<String, Object> identity = map(r, "identity");
		if (identity.isEmpty()) {
			return ManagedIdentity.none();
		}
		Map<String, ManagedIdentity.UserAssignedIdentity> userAssigned = new LinkedHashMap<>();
		map(identity, "userAssignedIdentities").forEach((id, value) -> userAssigned.put(ArmIds.key(id),
				new ManagedIdentity.UserAssignedIdentity(str(value, "principalId"), str(value, "clientId"))));
		return new ManagedIdentity(str(identity, "type"), str(identity, "principalId"), str(identity, "tenantId"),
				userAssigned);
	}

	private static List<PrivateEndpointConnection> privateEndpoints(Map<String, Object> properties) {
		List<PrivateEndpointConnection> connections = new ArrayList<>();
		for (Object connection : list(properties, "privateEndpointConnections")) {
			Object p = at(connection, "properties");
			connections.add(new PrivateEndpointConnection(str(connection, "id"), str(p, "privateEndpoint", "id"),
					str(p, "privateLinkServiceConnectionState", "status"), str(p, "provisioningState")));
		}
		return connections;
	}

	private static NetworkRules networkRules(Map<String, Object> acls) {
		if (acls.isEmpty()) {
			return null;
		}
		List<String> ipRules = new ArrayList<>();
		for (Object rule : list(acls, "ipRules")) {
			String value = str(rule, "value");
			ipRules.add((value != null) ? value : str(rule, "ipAddressOrRange"));
		}
		List<String> vnetRules = new ArrayList<>();
		for (Object rule : list(acls, "virtualNetworkRules")) {
			vnetRules.add(str(rule, "id"));
		}
		return new NetworkRules(str(acls, "defaultAction"), str(acls, "bypass"), ipRules, vnetRules);
	}

	private static String destination(Object destination) {
		if (destination == null || destination instanceof String) {
			return (String) destination;
		}
		String resource = str(destination, "serviceResourceId");
		return (resource != null) ? resource : str(destination, "serviceTag");
	}

	private static String parentWorkspace(String childId) {
		if (childId == null) {
			return null;
		}
		int index = childId.toLowerCase(java.util.Locale.ROOT).indexOf("/workspaces/");
		if (index < 0) {
			return null;
		}
		int end = childId.indexOf('/', index + "/workspaces/".length());
		return (end < 0) ? childId : childId.substring(0, end);
	}

	private static String firstNonNull(String first, String second) {
		return (first != null) ? first : second;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
