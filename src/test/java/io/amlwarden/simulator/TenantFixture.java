package io.amlwarden.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.amlwarden.simulator.SimJson.map;

/**
 * Builds simulator tenant fixtures: the JSON the simulator is seeded from. Each
 * {@linkplain #stack workspace stack} is a workspace with its own vault, CMK key, storage
 * account, registry, Application Insights, diagnostic settings and role assignments,
 * shaped like the Azure REST API spec examples; a customizer can make any part of it
 * mis-configured.
 */
public final class TenantFixture {

	/** Built-in role definition GUIDs (the same in every tenant). */
	public static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

	public static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";

	public static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

	public static final String USER_ACCESS_ADMINISTRATOR = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

	public static final String AZUREML_DATA_SCIENTIST = "f6c7c914-8db3-469d-8ca1-694a8f32e121";

	public static final String KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6";

	public static final String KEY_VAULT_CRYPTO_OFFICER = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603";

	private final String tenantId;

	private final Instant now;

	private final List<String> subscriptions = new ArrayList<>();

	private final List<Map<String, Object>> resources = new ArrayList<>();

	private final List<Map<String, Object>> keys = new ArrayList<>();

	private final List<Map<String, Object>> principals = new ArrayList<>();

	private final List<Map<String, Object>> deletedPrincipals = new ArrayList<>();

	private final List<Map<String, Object>> managementGroups = new ArrayList<>();

	private long sequence;

	public TenantFixture(String tenantId, Instant now) {
		this.tenantId = tenantId;
		this.now = now;
		builtInRole(OWNER, "Owner", List.of("*"), List.of());
		builtInRole(CONTRIBUTOR, "Contributor", List.of("*"),
				List.of("Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write"));
		builtInRole(READER, "Reader", List.of("*/read"), List.of());
		builtInRole(USER_ACCESS_ADMINISTRATOR, "User Access Administrator",
				List.of("*/read", "Microsoft.Authorization/*"), List.of());
		builtInRole(AZUREML_DATA_SCIENTIST, "AzureML Data Scientist",
				List.of("Microsoft.MachineLearningServices/workspaces/*/read",
						"Microsoft.MachineLearningServices/workspaces/*/action"),
				List.of());
		builtInRole(KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER, "Key Vault Crypto Service Encryption User",
				List.of("Microsoft.EventGrid/eventSubscriptions/write"), List.of());
		builtInRole(KEY_VAULT_CRYPTO_OFFICER, "Key Vault Crypto Officer",
				List.of("Microsoft.KeyVault/checkNameAvailability/read"), List.of());
	}

	public String tenantId() {
		return this.tenantId;
	}

	public List<String> subscriptions() {
		return List.copyOf(this.subscriptions);
	}

	/**
	 * Adds any ARM-shaped resource (it must carry {@code id} and {@code type}).
	 */
	public TenantFixture resource(Map<String, Object> resource) {
		this.resources.add(resource);
		return this;
	}

	/**
	 * Adds a Log Analytics workspace.
	 */
	public TenantFixture logAnalytics(String id, boolean disableLocalAuth, String publicNetworkAccess) {
		return resource(
				map("id", id, "name", id.substring(id.lastIndexOf('/') + 1), "type",
						"Microsoft.OperationalInsights/workspaces", "location", "westeurope", "properties",
						map("customerId", uuid(), "sku", map("name", "PerGB2018"), "retentionInDays", 90, "features",
								map("disableLocalAuth", disableLocalAuth, "enableLogAccessUsingOnlyResourcePermissions",
										true),
								"publicNetworkAccessForIngestion", publicNetworkAccess, "publicNetworkAccessForQuery",
								publicNetworkAccess, "provisioningState", "Succeeded")));
	}

	public TenantFixture subscription(String subscriptionId) {
		this.subscriptions.add(subscriptionId);
		pricing(subscriptionId, "VirtualMachines", "Free");
		return this;
	}

	public TenantFixture pricing(String subscriptionId, String plan, String tier) {
		String id = "/subscriptions/" + subscriptionId + "/providers/Microsoft.Security/pricings/" + plan;
		this.resources.removeIf((r) -> id.equalsIgnoreCase((String) r.get("id")));
		this.resources.add(map("id", id, "name", plan, "type", "Microsoft.Security/pricings", "properties",
				map("pricingTier", tier, "freeTrialRemainingTime", "PT0S")));
		return this;
	}

	public TenantFixture principal(String id, String type, String displayName, String userType) {
		this.principals.add(principalJson(id, type, displayName, userType));
		return this;
	}

	public TenantFixture deletedPrincipal(String id, String type, String displayName) {
		Map<String, Object> principal = principalJson(id, type, displayName, null);
		principal.put("deletedDateTime", this.now.minus(Duration.ofDays(3)).toString());
		this.deletedPrincipals.add(principal);
		return this;
	}

	private static Map<String, Object> principalJson(String id, String type, String displayName, String userType) {
		Map<String, Object> principal = map("@odata.type", "#microsoft.graph." + type, "id", id, "displayName",
				displayName);
		if ("user".equals(type)) {
			principal.put("userPrincipalName", displayName.toLowerCase(Locale.ROOT).replace(' ', '.') + "@contoso.com");
			principal.put("userType", (userType != null) ? userType : "Member");
			principal.put("accountEnabled", true);
		}
		return principal;
	}

	public TenantFixture roleAssignment(String scope, String roleGuid, String principalId, String principalType) {
		String name = uuid();
		String subscription = scope.split("/").length > 2 ? scope.split("/")[2] : this.subscriptions.get(0);
		Map<String, Object> assignment = map("id", scope + "/providers/Microsoft.Authorization/roleAssignments/" + name,
				"name", name, "type", "Microsoft.Authorization/roleAssignments", "properties",
				map("roleDefinitionId",
						"/subscriptions/" + subscription + "/providers/Microsoft.Authorization/roleDefinitions/"
								+ roleGuid,
						"principalId", principalId, "principalType", principalType, "scope", scope, "condition", null,
						"conditionVersion", null, "createdOn", this.now.minus(Duration.ofDays(200)).toString(),
						"updatedOn", this.now.minus(Duration.ofDays(200)).toString(), "createdBy", null, "updatedBy",
						null, "delegatedManagedIdentityResourceId", null, "description", null));
		// ARM returns these as explicit nulls; the spec examples show them.
		Map<String, Object> properties = SimJson.obj(assignment.get("properties"));
		for (String field : List.of("condition", "conditionVersion", "createdBy", "updatedBy",
				"delegatedManagedIdentityResourceId", "description")) {
			properties.putIfAbsent(field, null);
		}
		this.resources.add(assignment);
		return this;
	}

	/**
	 * Adds a management group holding the given subscriptions; assignments at its scope
	 * are inherited by them.
	 * @return the management group's ARM id
	 */
	public String managementGroup(String name, String... subscriptionIds) {
		String id = "/providers/Microsoft.Management/managementGroups/" + name;
		this.managementGroups.add(map("id", id, "subscriptions", List.of(subscriptionIds)));
		return id;
	}

	/**
	 * Adds a role assignment at any scope (subscription, resource group, resource or
	 * management group), optionally with an ABAC condition.
	 * @return the assignment's ARM id
	 */
	public String assign(String scope, String roleGuid, String principalId, String principalType, String condition) {
		String name = uuid();
		String id = scope + "/providers/Microsoft.Authorization/roleAssignments/" + name;
		String[] parts = scope.split("/");
		String roleDefinitionId = (parts.length > 2 && "subscriptions".equalsIgnoreCase(parts[1]))
				? "/subscriptions/" + parts[2] + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid
				: "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid;
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("roleDefinitionId", roleDefinitionId);
		properties.put("principalId", principalId);
		properties.put("principalType", principalType);
		properties.put("scope", scope);
		properties.put("condition", condition);
		properties.put("conditionVersion", (condition != null) ? "2.0" : null);
		properties.put("createdOn", this.now.minus(Duration.ofDays(200)).toString());
		properties.put("updatedOn", this.now.minus(Duration.ofDays(200)).toString());
		properties.put("createdBy", null);
		properties.put("updatedBy", null);
		properties.put("delegatedManagedIdentityResourceId", null);
		properties.put("description", null);
		this.resources.add(map("id", id, "name", name, "type", "Microsoft.Authorization/roleAssignments", "properties",
				properties));
		return id;
	}

	/**
	 * Adds a built-in role definition the constructor does not (e.g. AzureML Compute
	 * Operator).
	 */
	public TenantFixture builtInRoleDefinition(String guid, String roleName, List<String> actions) {
		builtInRole(guid, roleName, actions, List.of());
		return this;
	}

	public TenantFixture customRole(String subscriptionId, String guid, String roleName, List<String> actions) {
		this.resources.add(map("id",
				"/subscriptions/" + subscriptionId + "/providers/Microsoft.Authorization/roleDefinitions/" + guid,
				"name", guid, "type", "Microsoft.Authorization/roleDefinitions", "properties",
				map("roleName", roleName, "type", "CustomRole", "description", roleName, "assignableScopes",
						List.of("/subscriptions/" + subscriptionId), "permissions", List.of(map("actions", actions,
								"notActions", List.of(), "dataActions", List.of(), "notDataActions", List.of())))));
		return this;
	}

	private void builtInRole(String guid, String roleName, List<String> actions, List<String> notActions) {
		this.resources.add(map("id", "/providers/Microsoft.Authorization/roleDefinitions/" + guid, "name", guid, "type",
				"Microsoft.Authorization/roleDefinitions", "properties",
				map("roleName", roleName, "type", "BuiltInRole", "description", roleName, "assignableScopes",
						List.of("/"), "permissions", List.of(map("actions", actions, "notActions", notActions,
								"dataActions", List.of(), "notDataActions", List.of())))));
	}

	/**
	 * Adds a well-configured workspace stack; the customizer may change any part of it
	 * before it is added.
	 */
	public Stack stack(String subscriptionId, String resourceGroup, String name, Consumer<Stack> customizer) {
		Stack stack = new Stack(subscriptionId, resourceGroup, name);
		if (customizer != null) {
			customizer.accept(stack);
		}
		this.resources.add(stack.workspace);
		if (stack.vault != null) {
			this.resources.add(stack.vault);
		}
		if (stack.storage != null) {
			this.resources.add(stack.storage);
		}
		if (stack.registry != null) {
			this.resources.add(stack.registry);
		}
		if (stack.appInsights != null) {
			this.resources.add(stack.appInsights);
		}
		this.resources.addAll(stack.extra);
		for (String target : stack.diagnosticsOn) {
			this.resources.add(diagnosticSetting(target, stack.logAnalyticsId, stack.diagnosticCategories
				.getOrDefault(target, Map.of("categoryGroup", "audit", "enabled", true))));
		}
		if (stack.key != null) {
			this.keys.add(stack.key);
		}
		this.keys.addAll(stack.extraKeys);
		for (String[] assignment : stack.assignments) {
			roleAssignment(assignment[0], assignment[1], assignment[2], assignment[3]);
		}
		return stack;
	}

	private Map<String, Object> diagnosticSetting(String resourceId, String workspaceId, Map<String, Object> log) {
		return map("id", resourceId + "/providers/microsoft.insights/diagnosticSettings/send-to-law", "name",
				"send-to-law", "type", "Microsoft.Insights/diagnosticSettings", "properties",
				map("workspaceId", workspaceId, "logs", List.of(new LinkedHashMap<>(log)), "metrics",
						List.of(map("category", "AllMetrics", "enabled", true)), "logAnalyticsDestinationType", null));
	}

	public Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("tenantId", this.tenantId);
		json.put("subscriptions", this.subscriptions);
		json.put("resources", this.resources);
		json.put("keys", this.keys);
		json.put("principals", this.principals);
		json.put("deletedPrincipals", this.deletedPrincipals);
		json.put("managementGroups", this.managementGroups);
		return json;
	}

	public void write(Path path) throws java.io.IOException {
		Files.createDirectories(path.getParent());
		Files.write(path, SimJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
	}

	String uuid() {
		return new UUID(0x5157_0000_0000_4000L | (this.sequence >>> 16), 0x8000_0000_0000_0000L | this.sequence++)
			.toString();
	}

	/**
	 * The parts of one workspace stack, as mutable ARM-shaped maps.
	 */
	public final class Stack {

		public final String subscriptionId;

		public final String resourceGroup;

		public final String workspaceId;

		public final String vaultId;

		public final String vaultUri;

		public final String storageId;

		public final String registryId;

		public final String logAnalyticsId;

		public final Map<String, Object> workspace;

		/** The workspace's vault; {@code null} when it links to another stack's. */
		public Map<String, Object> vault;

		/** The CMK in the vault; {@code null} for none. */
		public Map<String, Object> key;

		/** The storage account; {@code null} when it links to another stack's. */
		public Map<String, Object> storage;

		/** Keys beyond {@link #key}, in any vault of the fixture. */
		public final List<Map<String, Object>> extraKeys = new ArrayList<>();

		/**
		 * The log entry of the diagnostic setting per resource in {@link #diagnosticsOn};
		 * {@code categoryGroup: audit} when not given.
		 */
		public final Map<String, Map<String, Object>> diagnosticCategories = new LinkedHashMap<>();

		public Map<String, Object> registry;

		public Map<String, Object> appInsights;

		public final List<Map<String, Object>> extra = new ArrayList<>();

		public final List<String> diagnosticsOn = new ArrayList<>();

		/** scope, role GUID, principal id, principal type. */
		public final List<String[]> assignments = new ArrayList<>();

		public final String workspacePrincipalId;

		/** The version of {@link #key} the workspace and storage account use. */
		public final String keyVersion;

		Stack(String subscriptionId, String resourceGroup, String name) {
			this.subscriptionId = subscriptionId;
			this.resourceGroup = resourceGroup;
			String rg = "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup;
			String shortName = name.replaceAll("[^a-z0-9]", "");
			shortName = shortName.substring(0, Math.min(17, shortName.length()));
			String vaultName = "kv" + shortName;
			this.workspaceId = rg + "/providers/Microsoft.MachineLearningServices/workspaces/" + name;
			this.vaultId = rg + "/providers/Microsoft.KeyVault/vaults/" + vaultName;
			this.vaultUri = "https://" + vaultName + ".vault.azure.net";
			this.storageId = rg + "/providers/Microsoft.Storage/storageAccounts/st" + shortName;
			this.registryId = rg + "/providers/Microsoft.ContainerRegistry/registries/cr" + shortName;
			String appInsightsId = rg + "/providers/Microsoft.Insights/components/appi-" + name;
			this.logAnalyticsId = "/subscriptions/" + subscriptionId
					+ "/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-central";
			String keyVersion = uuid().replace("-", "");
			this.keyVersion = keyVersion;
			this.workspacePrincipalId = uuid();
			long created = TenantFixture.this.now.minus(Duration.ofDays(30)).getEpochSecond();
			this.workspace = map("id", this.workspaceId, "name", name, "type",
					"Microsoft.MachineLearningServices/workspaces", "location", "westeurope", "kind", "Default", "tags",
					map(), "sku", map("name", "Basic", "tier", "Basic"), "identity", map("type", "SystemAssigned",
							"principalId", this.workspacePrincipalId, "tenantId", TenantFixture.this.tenantId),
					"properties",
					map("friendlyName", name, "keyVault", this.vaultId, "storageAccount", this.storageId,
							"containerRegistry", this.registryId, "applicationInsights", appInsightsId, "encryption",
							map("status", "Enabled", "identity", map(), "keyVaultProperties",
									map("keyVaultArmId", this.vaultId, "keyIdentifier",
											this.vaultUri + "/keys/cmk/" + keyVersion, "identityClientId", "")),
							"hbiWorkspace", false, "publicNetworkAccess", "Disabled", "allowPublicAccessWhenBehindVnet",
							false, "managedNetwork",
							map("isolationMode", "AllowOnlyApprovedOutbound", "status",
									map("status", "Active", "sparkReady", false), "outboundRules", map()),
							"v1LegacyMode", false, "systemDatastoresAuthMode", "identity",
							"enableServiceSideCMKEncryption", false, "enableDataIsolation", true,
							"privateEndpointConnections",
							List.of(privateEndpoint(this.workspaceId, "pe-" + name, "Approved")), "provisioningState",
							"Succeeded", "tenantId", TenantFixture.this.tenantId, "discoveryUrl",
							"https://westeurope.api.azureml.ms/discovery"));
			this.vault = map("id", this.vaultId, "name", vaultName, "type", "Microsoft.KeyVault/vaults", "location",
					"westeurope", "tags", map(), "properties",
					map("tenantId", TenantFixture.this.tenantId, "sku", map("family", "A", "name", "standard"),
							"accessPolicies", List.of(), "vaultUri", this.vaultUri + "/", "enabledForDeployment", false,
							"enabledForDiskEncryption", false, "enabledForTemplateDeployment", false,
							"enableSoftDelete", true, "softDeleteRetentionInDays", 90, "enableRbacAuthorization", true,
							"enablePurgeProtection", true, "publicNetworkAccess", "Disabled", "networkAcls",
							map("bypass", "AzureServices", "defaultAction", "Deny", "ipRules", List.of(),
									"virtualNetworkRules", List.of()),
							"privateEndpointConnections",
							List.of(privateEndpoint(this.vaultId, "pe-" + vaultName, "Approved")), "provisioningState",
							"Succeeded"));
			this.key = map("vaultId", this.vaultId, "name", "cmk", "kty", "RSA", "keySize", 3072, "keyOps",
					List.of("wrapKey", "unwrapKey"), "tags", map(), "versions",
					new ArrayList<>(List.of(map("version", keyVersion, "created", created, "updated", created, "exp",
							created + 365L * 86400, "enabled", true))),
					"rotationPolicy",
					map("lifetimeActions",
							List.of(map("trigger", map("timeAfterCreate", "P90D"), "action", map("type", "Rotate")),
									map("trigger", map("timeBeforeExpiry", "P30D"), "action", map("type", "Notify"))),
							"attributes", map("expiryTime", "P1Y", "created", created, "updated", created)));
			this.storage = map("id", this.storageId, "name", "st" + shortName, "type",
					"Microsoft.Storage/storageAccounts", "location", "westeurope", "kind", "StorageV2", "sku",
					map("name", "Standard_ZRS", "tier", "Standard"), "tags", map(), "properties",
					map("minimumTlsVersion", "TLS1_2", "allowBlobPublicAccess", false, "allowSharedKeyAccess", false,
							"allowCrossTenantReplication", false, "defaultToOAuthAuthentication", true,
							"publicNetworkAccess", "Disabled", "supportsHttpsTrafficOnly", true, "networkAcls",
							map("bypass", "AzureServices", "virtualNetworkRules", List.of(), "ipRules", List.of(),
									"defaultAction", "Deny"),
							"encryption",
							map("services",
									map("blob", map("keyType", "Account", "enabled", true), "file",
											map("keyType", "Account", "enabled", true)),
									"keySource", "Microsoft.Keyvault", "requireInfrastructureEncryption", true,
									"keyvaultproperties",
									map("keyvaulturi", this.vaultUri, "keyname", "cmk", "keyversion", "",
											"currentVersionedKeyIdentifier",
											this.vaultUri + "/keys/cmk/" + keyVersion)),
							"keyPolicy", map("keyExpirationPeriodInDays", 90), "privateEndpointConnections",
							List.of(privateEndpoint(this.storageId, "pe-st" + shortName, "Approved")),
							"provisioningState", "Succeeded", "creationTime",
							TenantFixture.this.now.minus(Duration.ofDays(30)).toString()));
			this.registry = map("id", this.registryId, "name", "cr" + shortName, "type",
					"Microsoft.ContainerRegistry/registries", "location", "westeurope", "sku",
					map("name", "Premium", "tier", "Premium"), "tags", map(), "properties",
					map("loginServer", "cr" + shortName + ".azurecr.io", "adminUserEnabled", false,
							"publicNetworkAccess", "Disabled", "anonymousPullEnabled", false, "networkRuleSet",
							map("defaultAction", "Deny", "ipRules", List.of()), "encryption", map("status", "disabled"),
							"policies",
							map("exportPolicy", map("status", "disabled"), "azureADAuthenticationAsArmPolicy",
									map("status", "disabled")),
							"privateEndpointConnections",
							List.of(privateEndpoint(this.registryId, "pe-cr" + shortName, "Approved")),
							"provisioningState", "Succeeded"));
			this.appInsights = map("id", appInsightsId, "name", "appi-" + name, "type", "Microsoft.Insights/components",
					"location", "westeurope", "kind", "web", "properties",
					map("ApplicationId", "appi-" + name, "DisableLocalAuth", true, "publicNetworkAccessForIngestion",
							"Enabled", "publicNetworkAccessForQuery", "Enabled", "WorkspaceResourceId",
							this.logAnalyticsId, "provisioningState", "Succeeded"));
			this.diagnosticsOn.addAll(List.of(this.workspaceId, this.vaultId, this.storageId, this.registryId));
			this.assignments.add(new String[] { this.vaultId, KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER,
					this.workspacePrincipalId, "ServicePrincipal" });
		}

		/**
		 * Adds a compute to the workspace.
		 * @param name compute name
		 * @param computeType ComputeInstance, AmlCompute, ...
		 * @param disableLocalAuth {@code disableLocalAuth}
		 * @param inner the type-specific {@code properties.properties}
		 * @return the compute resource
		 */
		public Map<String, Object> compute(String name, String computeType, boolean disableLocalAuth,
				Map<String, Object> inner) {
			Map<String, Object> compute = map("id", this.workspaceId + "/computes/" + name, "name", name, "type",
					"Microsoft.MachineLearningServices/workspaces/computes", "location", "westeurope", "properties",
					map("computeType", computeType, "computeLocation", "westeurope", "provisioningState", "Succeeded",
							"disableLocalAuth", disableLocalAuth, "properties", inner));
			this.extra.add(compute);
			return compute;
		}

		/**
		 * Adds a managed online endpoint to the workspace.
		 * @param name endpoint name
		 * @param authMode AMLToken, Key or AADToken
		 * @param publicNetworkAccess Enabled or Disabled
		 * @return the endpoint resource
		 */
		public Map<String, Object> onlineEndpoint(String name, String authMode, String publicNetworkAccess) {
			Map<String, Object> endpoint = map("id", this.workspaceId + "/onlineEndpoints/" + name, "name", name,
					"type", "Microsoft.MachineLearningServices/workspaces/onlineEndpoints", "location", "westeurope",
					"kind", "Managed", "identity", map("type", "SystemAssigned"), "properties",
					map("authMode", authMode, "publicNetworkAccess", publicNetworkAccess, "provisioningState",
							"Succeeded", "scoringUri", "https://" + name + ".westeurope.inference.ml.azure.com/score"));
			this.extra.add(endpoint);
			return endpoint;
		}

		/**
		 * A private endpoint connection on a resource of this stack, in a given state.
		 */
		public Map<String, Object> privateEndpointConnection(String resourceId, String name, String status) {
			return privateEndpoint(resourceId, name, status);
		}

		@SuppressWarnings("unchecked")
		public Map<String, Object> props(Map<String, Object> resource) {
			return (Map<String, Object>) resource.get("properties");
		}

		private Map<String, Object> privateEndpoint(String resourceId, String name, String status) {
			return map("id", resourceId + "/privateEndpointConnections/" + name, "name", name, "type",
					"Microsoft.Network/privateEndpointConnections", "properties",
					map("privateEndpoint",
							map("id",
									"/subscriptions/" + this.subscriptionId + "/resourceGroups/" + this.resourceGroup
											+ "/providers/Microsoft.Network/privateEndpoints/" + name),
							"privateLinkServiceConnectionState",
							map("status", status, "description", "Auto-approved", "actionsRequired", "None"),
							"provisioningState", "Succeeded"));
		}

	}

}
