package io.amlwarden.posture;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.inventory.DefenderPricing;
import io.amlwarden.inventory.DiagnosticSetting;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.ManagedIdentity;
import io.amlwarden.inventory.ManagedNetwork;
import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.inventory.NetworkRules;
import io.amlwarden.inventory.OnlineEndpoint;
import io.amlwarden.inventory.Principal;
import io.amlwarden.inventory.PrivateEndpointConnection;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.RoleDefinition;
import io.amlwarden.inventory.RotationPolicy;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.inventory.WorkspaceEncryption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds inventory snapshots for posture tests. {@link #workspace(String)} adds a
 * workspace stack configured to pass every check of the REGULATED profile: its own Key
 * Vault holding the workspace's customer-managed key, a storage account encrypted with
 * the same key, a registry, an Application Insights component, diagnostic settings,
 * computes, an online endpoint and five role assignments; each subscription gets two
 * owners and every Defender plan. Tests then break one property through the public fields
 * of the specs and build the snapshot.
 */
public final class PostureFixture {

	public static final String SUBSCRIPTION = "00000000-0000-4000-8000-000000000001";

	public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	public static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

	public static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";

	public static final String USER_ACCESS_ADMINISTRATOR = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

	public static final String AZUREML_DATA_SCIENTIST = "f6c7c914-8db3-469d-8ca1-694a8f32e121";

	public static final String KEY_VAULT_CRYPTO_USER = "12338af0-0e69-4776-bea7-57ae8d297424";

	public static final String STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

	public static final List<String> PLANS = List.of("KeyVaults", "StorageAccounts", "Containers", "Arm",
			"CloudPosture", "AI");

	private final List<WorkspaceSpec> workspaces = new ArrayList<>();

	private final List<VaultSpec> vaults = new ArrayList<>();

	private final List<KeySpec> keys = new ArrayList<>();

	private final List<StorageSpec> storageAccounts = new ArrayList<>();

	private final List<RegistrySpec> registries = new ArrayList<>();

	private final List<AppInsightsSpec> appInsights = new ArrayList<>();

	private final List<LogAnalyticsSpec> logAnalytics = new ArrayList<>();

	/** Diagnostic settings by resource id; resources absent here were not collected. */
	public final Map<String, ReadResult<List<DiagnosticSetting>>> diagnostics = new LinkedHashMap<>();

	public final List<RoleAssignment> roleAssignments = new ArrayList<>();

	public final List<RoleDefinition> roleDefinitions = new ArrayList<>();

	public final List<DefenderPricing> pricings = new ArrayList<>();

	public final List<Principal> principals = new ArrayList<>();

	public final List<ReadFailure> failures = new ArrayList<>();

	/** Subscriptions of the scan scope; those of added workspaces join automatically. */
	public final Set<String> scope = new LinkedHashSet<>();

	/** Whether principals were resolved through Microsoft Graph. */
	public boolean principalsResolved = true;

	private final Set<String> subscriptionsWithDefaults = new LinkedHashSet<>();

	private int counter;

	private PostureFixture() {
	}

	public static PostureFixture create() {
		return new PostureFixture();
	}

	/**
	 * Adds a compliant workspace stack in {@link #SUBSCRIPTION}.
	 * @param name the workspace name, also used to derive its dependencies' names
	 * @return the workspace spec, linked to its stack
	 */
	public WorkspaceSpec workspace(String name) {
		return workspace(SUBSCRIPTION, "rg-" + name, name);
	}

	/**
	 * Adds a compliant workspace stack.
	 * @param subscription the subscription id
	 * @param resourceGroup the resource group
	 * @param name the workspace name
	 * @return the workspace spec
	 */
	public WorkspaceSpec workspace(String subscription, String resourceGroup, String name) {
		subscriptionDefaults(subscription);
		String rg = "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup;
		WorkspaceSpec ws = new WorkspaceSpec(rg + "/providers/Microsoft.MachineLearningServices/workspaces/" + name);
		ws.vault = vault(rg, "kv-" + name);
		ws.key = key(ws.vault, "cmk-" + name);
		ws.storage = storage(rg, "st" + name.replace("-", ""), ws.key);
		ws.registry = registry(rg, "acr" + name.replace("-", ""));
		ws.appInsights = appInsights(rg, "appi-" + name);
		ws.keyVaultId = ws.vault.id;
		ws.storageAccountId = ws.storage.id;
		ws.containerRegistryId = ws.registry.id;
		ws.applicationInsightsId = ws.appInsights.id;
		ws.encryption = new EncryptionSpec("Enabled", ws.vault.id, ws.key.currentVersionUri());
		ws.userAssignedIdentityId = rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-" + name;
		ws.primaryUserAssignedIdentity = ws.userAssignedIdentityId;
		ws.privateEndpoints.add(approved(ws.id));
		ws.computes.add(ComputeSpec.instance(ws.id + "/computes/ci-" + name));
		ws.computes.add(ComputeSpec.cluster(ws.id + "/computes/cpu-" + name));
		ws.endpoints.add(new EndpointSpec(ws.id + "/onlineEndpoints/ep-" + name));
		this.workspaces.add(ws);
		auditLogs(ws.id);
		auditLogs(ws.vault.id);
		auditLogs(ws.registry.id);
		this.diagnostics.put(ws.storage.id, ReadResult.present(List.of(metricsOnly(ws.storage.id))));
		auditLogs(ws.storage.id + "/blobServices/default");
		for (int i = 0; i < 3; i++) {
			this.roleAssignments.add(assignment(ws.id, AZUREML_DATA_SCIENTIST, "user-" + name + "-" + i, "User"));
		}
		this.roleAssignments.add(assignment(ws.vault.id, KEY_VAULT_CRYPTO_USER, ws.uaiPrincipalId, "ServicePrincipal"));
		this.roleAssignments
			.add(assignment(ws.storage.id, STORAGE_BLOB_DATA_CONTRIBUTOR, ws.uaiPrincipalId, "ServicePrincipal"));
		return ws;
	}

	/**
	 * Adds an AI Foundry project to a hub: it shares the hub's dependencies.
	 * @param hub the hub, whose kind becomes Hub
	 * @param name the project name
	 * @return the project spec
	 */
	public WorkspaceSpec project(WorkspaceSpec hub, String name) {
		hub.kind = "Hub";
		String rg = hub.id.substring(0, hub.id.toLowerCase(Locale.ROOT).indexOf("/providers/"));
		WorkspaceSpec project = new WorkspaceSpec(
				rg + "/providers/Microsoft.MachineLearningServices/workspaces/" + name);
		project.kind = "Project";
		project.hubResourceId = hub.id;
		project.keyVaultId = hub.keyVaultId;
		project.storageAccountId = hub.storageAccountId;
		project.containerRegistryId = hub.containerRegistryId;
		project.applicationInsightsId = hub.applicationInsightsId;
		project.vault = hub.vault;
		project.key = hub.key;
		project.storage = hub.storage;
		project.registry = hub.registry;
		project.appInsights = hub.appInsights;
		project.encryption = null;
		project.isolationMode = null;
		project.publicNetworkAccess = null;
		project.primaryUserAssignedIdentity = null;
		project.hbiWorkspace = null;
		hub.associatedWorkspaces.add(project.id);
		this.workspaces.add(project);
		auditLogs(project.id);
		return project;
	}

	public VaultSpec vault(String resourceGroupId, String name) {
		VaultSpec vault = new VaultSpec(resourceGroupId + "/providers/Microsoft.KeyVault/vaults/" + name, name);
		vault.privateEndpoints.add(approved(vault.id));
		this.vaults.add(vault);
		return vault;
	}

	public KeySpec key(VaultSpec vault, String name) {
		KeySpec key = new KeySpec(vault, name);
		this.keys.add(key);
		return key;
	}

	private StorageSpec storage(String resourceGroupId, String name, KeySpec key) {
		StorageSpec storage = new StorageSpec(resourceGroupId + "/providers/Microsoft.Storage/storageAccounts/" + name);
		storage.keyVaultUri = key.vault.uri();
		storage.keyName = key.name;
		storage.privateEndpoints.add(approved(storage.id));
		this.storageAccounts.add(storage);
		return storage;
	}

	private RegistrySpec registry(String resourceGroupId, String name) {
		RegistrySpec registry = new RegistrySpec(
				resourceGroupId + "/providers/Microsoft.ContainerRegistry/registries/" + name);
		registry.privateEndpoints.add(approved(registry.id));
		this.registries.add(registry);
		return registry;
	}

	private AppInsightsSpec appInsights(String resourceGroupId, String name) {
		AppInsightsSpec component = new AppInsightsSpec(
				resourceGroupId + "/providers/Microsoft.Insights/components/" + name, lawId(SUBSCRIPTION));
		this.appInsights.add(component);
		return component;
	}

	private void subscriptionDefaults(String subscription) {
		this.scope.add(subscription);
		if (!this.subscriptionsWithDefaults.add(subscription)) {
			return;
		}
		String scope = "/subscriptions/" + subscription;
		this.logAnalytics.add(new LogAnalyticsSpec(lawId(subscription)));
		for (String owner : List.of("owner-a-" + subscription, "owner-b-" + subscription)) {
			this.roleAssignments.add(assignment(scope, OWNER, owner, "User"));
			this.principals.add(new Principal(owner, "user", owner, owner + "@contoso.example", "Member", true, false));
		}
		for (String plan : PLANS) {
			this.pricings.add(new DefenderPricing(scope + "/providers/Microsoft.Security/pricings/" + plan,
					subscription, plan, "Standard", null));
		}
	}

	/**
	 * A role assignment.
	 * @param scope where it applies
	 * @param roleGuid the role definition GUID
	 * @param principalId the assignee
	 * @param principalType User, Group, ServicePrincipal, ...
	 * @return the assignment
	 */
	public RoleAssignment assignment(String scope, String roleGuid, String principalId, String principalType) {
		String name = String.format("00000000-0000-4000-9000-%012d", ++this.counter);
		return new RoleAssignment(scope + "/providers/Microsoft.Authorization/roleAssignments/" + name, name, scope,
				"/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid,
				principalId, principalType, null, null, null, null, null, null, null, null);
	}

	/**
	 * Records that a resource could not be read and removes it from the snapshot.
	 * @param resourceId the resource
	 * @param reason why
	 */
	public void deny(String resourceId, ReadFailure.Reason reason) {
		this.vaults.removeIf((v) -> ArmIds.same(v.id, resourceId));
		this.storageAccounts.removeIf((s) -> ArmIds.same(s.id, resourceId));
		this.registries.removeIf((r) -> ArmIds.same(r.id, resourceId));
		this.appInsights.removeIf((a) -> ArmIds.same(a.id, resourceId));
		this.logAnalytics.removeIf((l) -> ArmIds.same(l.id, resourceId));
		this.keys.removeIf((k) -> ArmIds.same(k.id(), resourceId) || ArmIds.same(k.vault.id, resourceId));
		this.failures.add(new ReadFailure(resourceId, "resource", reason, "403 AuthorizationFailed"));
	}

	/**
	 * Records that a subscription-wide listing (roleAssignments, roleDefinitions,
	 * defenderPricings) failed.
	 */
	public void failListing(String subscription, String what) {
		this.failures.add(new ReadFailure("/subscriptions/" + subscription, what, ReadFailure.Reason.FORBIDDEN,
				"403 AuthorizationFailed"));
	}

	/**
	 * Records that a vault's keys could not be listed and drops them from the snapshot.
	 */
	public void failKeys(VaultSpec vault) {
		this.keys.removeIf((k) -> k.vault == vault);
		this.failures.add(new ReadFailure(vault.id, "keys", ReadFailure.Reason.FORBIDDEN, "403 Forbidden"));
	}

	/**
	 * Removes a key from its vault (the vault's keys were read and it is not there).
	 */
	public void deleteKey(KeySpec key) {
		this.keys.remove(key);
	}

	/**
	 * Gives a resource a diagnostic setting sending the audit category group to Log
	 * Analytics.
	 */
	public void auditLogs(String resourceId) {
		this.diagnostics.put(resourceId, ReadResult.present(List.of(setting(resourceId, null, "audit"))));
	}

	public static DiagnosticSetting setting(String resourceId, String category, String categoryGroup) {
		return new DiagnosticSetting(resourceId + "/providers/microsoft.insights/diagnosticSettings/send-to-law",
				resourceId, "send-to-law", lawId(SUBSCRIPTION), null, null,
				List.of(new DiagnosticSetting.Log(category, categoryGroup, true)),
				List.of(new DiagnosticSetting.Log("AllMetrics", null, true)));
	}

	private static DiagnosticSetting metricsOnly(String resourceId) {
		return new DiagnosticSetting(resourceId + "/providers/microsoft.insights/diagnosticSettings/metrics",
				resourceId, "metrics", lawId(SUBSCRIPTION), null, null, List.of(),
				List.of(new DiagnosticSetting.Log("Transaction", null, true)));
	}

	/**
	 * The id of a subscription's Log Analytics workspace, where diagnostic settings and
	 * Application Insights components send their data.
	 */
	public static String lawId(String subscription) {
		return "/subscriptions/" + subscription
				+ "/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law";
	}

	/**
	 * A subscription's Log Analytics workspace ({@link #lawId(String)}), to break.
	 */
	public LogAnalyticsSpec logAnalytics(String subscription) {
		return this.logAnalytics.stream()
			.filter((law) -> ArmIds.same(law.id, lawId(subscription)))
			.findFirst()
			.orElseThrow();
	}

	public static PrivateEndpointConnection approved(String resourceId) {
		return new PrivateEndpointConnection(resourceId + "/privateEndpointConnections/pe", resourceId + "-pe",
				"Approved", "Succeeded");
	}

	public TenantSnapshot build() {
		Set<String> subscriptions = new LinkedHashSet<>(this.scope);
		if (subscriptions.isEmpty()) {
			subscriptions.add(SUBSCRIPTION);
		}
		TenantSnapshot.Builder builder = TenantSnapshot
			.builder(InventoryScope.subscriptions(List.copyOf(subscriptions)), NOW)
			.workspaces(this.workspaces.stream().map(WorkspaceSpec::toRecord).toList())
			.vaults(this.vaults.stream().map(VaultSpec::toRecord).toList())
			.keys(this.keys.stream().map(KeySpec::toRecord).toList())
			.storageAccounts(this.storageAccounts.stream().map(StorageSpec::toRecord).toList())
			.registries(this.registries.stream().map(RegistrySpec::toRecord).toList())
			.monitoringResources(java.util.stream.Stream
				.concat(this.appInsights.stream().map(AppInsightsSpec::toRecord),
						this.logAnalytics.stream().map(LogAnalyticsSpec::toRecord))
				.toList())
			.roleAssignments(this.roleAssignments)
			.roleDefinitions(this.roleDefinitions)
			.defenderPricings(this.pricings)
			.principals(this.principalsResolved ? this.principals : List.of())
			.readFailures(this.failures);
		this.diagnostics.forEach(builder::diagnosticSettings);
		return builder.build();
	}

	/**
	 * Builds the snapshot, runs a check and returns its only result for a resource.
	 * @param check the check
	 * @param resourceId the resource, in any case
	 * @return the result
	 */
	public CheckResult result(PostureCheck check, String resourceId) {
		List<CheckResult> matching = check.evaluate(build())
			.stream()
			.filter((r) -> ArmIds.same(r.resourceId(), resourceId))
			.toList();
		assertThat(matching).as("results of %s for %s", check.metadata().id(), resourceId).hasSize(1);
		return matching.get(0);
	}

	/**
	 * A workspace and the stack it was created with. Fields left {@code null} are absent
	 * from the payload.
	 */
	public static final class WorkspaceSpec {

		public final String id;

		public String kind = "Default";

		public String hubResourceId;

		public final List<String> associatedWorkspaces = new ArrayList<>();

		public String keyVaultId;

		public String storageAccountId;

		public String containerRegistryId;

		public String applicationInsightsId;

		public EncryptionSpec encryption;

		public Boolean hbiWorkspace = true;

		public String publicNetworkAccess = "Disabled";

		public Boolean allowPublicAccessWhenBehindVnet = false;

		public String isolationMode = "AllowOnlyApprovedOutbound";

		public final List<PrivateEndpointConnection> privateEndpoints = new ArrayList<>();

		public String systemDatastoresAuthMode = "identity";

		public Boolean enableServiceSideCmkEncryption = false;

		public String identityType = "SystemAssigned,UserAssigned";

		public String principalId;

		public String userAssignedIdentityId;

		public String uaiPrincipalId;

		public String primaryUserAssignedIdentity;

		public final List<ComputeSpec> computes = new ArrayList<>();

		/** Overrides {@link #computes} when set, e.g. to an unreadable listing. */
		public ReadResult<List<Compute>> computesRead;

		public final List<EndpointSpec> endpoints = new ArrayList<>();

		public ReadResult<List<OnlineEndpoint>> endpointsRead;

		public VaultSpec vault;

		public KeySpec key;

		public StorageSpec storage;

		public RegistrySpec registry;

		public AppInsightsSpec appInsights;

		WorkspaceSpec(String id) {
			this.id = id;
			this.principalId = "mi-" + ArmIds.nameOf(id);
			this.uaiPrincipalId = "uai-" + ArmIds.nameOf(id);
		}

		public String name() {
			return ArmIds.nameOf(this.id);
		}

		Workspace toRecord() {
			Map<String, ManagedIdentity.UserAssignedIdentity> uais = new LinkedHashMap<>();
			if (this.userAssignedIdentityId != null) {
				uais.put(this.userAssignedIdentityId.toLowerCase(Locale.ROOT),
						new ManagedIdentity.UserAssignedIdentity(this.uaiPrincipalId, "client-" + this.uaiPrincipalId));
			}
			WorkspaceEncryption enc = (this.encryption != null) ? new WorkspaceEncryption(this.encryption.status,
					this.encryption.keyVaultArmId, this.encryption.keyIdentifier, null, null) : null;
			ManagedNetwork network = (this.isolationMode != null)
					? new ManagedNetwork(this.isolationMode, "Active", "Standard", "V1", List.of()) : null;
			ReadResult<List<Compute>> computeList = (this.computesRead != null) ? this.computesRead
					: ReadResult.present(this.computes.stream().map((c) -> c.toRecord(this.id)).toList());
			ReadResult<List<OnlineEndpoint>> endpointList = (this.endpointsRead != null) ? this.endpointsRead
					: ReadResult.present(this.endpoints.stream().map((e) -> e.toRecord(this.id)).toList());
			return new Workspace(this.id, name(), ArmIds.subscriptionOf(this.id), ArmIds.resourceGroupOf(this.id),
					"westeurope", this.kind, "Basic", Map.of(),
					new ManagedIdentity(this.identityType, this.principalId, "tenant", uais), this.hubResourceId,
					this.associatedWorkspaces, this.keyVaultId, this.storageAccountId, this.containerRegistryId,
					this.applicationInsightsId, enc, this.hbiWorkspace, this.publicNetworkAccess,
					this.allowPublicAccessWhenBehindVnet, network, this.privateEndpoints, this.systemDatastoresAuthMode,
					this.enableServiceSideCmkEncryption, false, false, this.primaryUserAssignedIdentity, "Succeeded",
					computeList, endpointList);
		}

	}

	/**
	 * A workspace's {@code encryption} block.
	 */
	public static final class EncryptionSpec {

		public String status;

		public String keyVaultArmId;

		public String keyIdentifier;

		public EncryptionSpec(String status, String keyVaultArmId, String keyIdentifier) {
			this.status = status;
			this.keyVaultArmId = keyVaultArmId;
			this.keyIdentifier = keyIdentifier;
		}

	}

	public static final class VaultSpec {

		public final String id;

		public final String name;

		public String vaultUri;

		public Boolean enableSoftDelete = true;

		public Boolean enablePurgeProtection = true;

		public Boolean enableRbacAuthorization = true;

		public String publicNetworkAccess = "Disabled";

		public String defaultAction = "Deny";

		public final List<PrivateEndpointConnection> privateEndpoints = new ArrayList<>();

		VaultSpec(String id, String name) {
			this.id = id;
			this.name = name;
			this.vaultUri = "https://" + name + ".vault.azure.net/";
		}

		public String uri() {
			return this.vaultUri;
		}

		KeyVault toRecord() {
			NetworkRules rules = (this.defaultAction != null)
					? new NetworkRules(this.defaultAction, "AzureServices", List.of(), List.of()) : null;
			return new KeyVault(this.id, this.name, ArmIds.subscriptionOf(this.id), ArmIds.resourceGroupOf(this.id),
					"westeurope", Map.of(), "tenant", "premium", this.vaultUri, this.enableSoftDelete, 90,
					this.enablePurgeProtection, this.enableRbacAuthorization, this.publicNetworkAccess, rules,
					this.privateEndpoints, List.of());
		}

	}

	public static final class KeySpec {

		public final VaultSpec vault;

		public final String name;

		public String keyType = "RSA-HSM";

		public Integer keySize = 3072;

		public Boolean enabled = true;

		public String currentVersion = "v2";

		public Instant created = NOW.minus(Duration.ofDays(30));

		public Instant expires = NOW.plus(Duration.ofDays(335));

		/**
		 * The rotation policy; {@code null} with {@link #rotationPolicyRead} unset means
		 * none.
		 */
		public RotationPolicy rotationPolicy = new RotationPolicy("P1Y",
				List.of(new RotationPolicy.LifetimeAction(RotationPolicy.Action.ROTATE, "P90D", null),
						new RotationPolicy.LifetimeAction(RotationPolicy.Action.NOTIFY, null, "P30D")),
				NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(100)));

		/** Overrides {@link #rotationPolicy} when set, e.g. to an unreadable policy. */
		public ReadResult<RotationPolicy> rotationPolicyRead;

		/** Versions; {@code null} means not collected. */
		public List<VaultKey.KeyVersion> versions;

		KeySpec(VaultSpec vault, String name) {
			this.vault = vault;
			this.name = name;
			String base = vault.vaultUri.replaceAll("/+$", "") + "/keys/" + name;
			this.versions = new ArrayList<>(List.of(
					new VaultKey.KeyVersion("v1", base + "/v1", true, NOW.minus(Duration.ofDays(120)), null, null,
							NOW.plus(Duration.ofDays(245))),
					new VaultKey.KeyVersion("v2", base + "/v2", true, this.created, null, null, this.expires)));
		}

		public String id() {
			return this.vault.id + "/keys/" + this.name;
		}

		public String url() {
			return this.vault.vaultUri.replaceAll("/+$", "") + "/keys/" + this.name;
		}

		public String currentVersionUri() {
			return url() + "/" + this.currentVersion;
		}

		VaultKey toRecord() {
			ReadResult<RotationPolicy> policy = (this.rotationPolicyRead != null) ? this.rotationPolicyRead
					: ReadResult.ofNullable(this.rotationPolicy);
			ReadResult<List<VaultKey.KeyVersion>> versionList = (this.versions != null)
					? ReadResult.present(List.copyOf(this.versions)) : ReadResult.notCollected();
			return new VaultKey(id(), this.vault.id, this.name, url(), currentVersionUri(), this.keyType, this.keySize,
					List.of("wrapKey", "unwrapKey"), this.enabled, this.created, this.created, null, this.expires,
					"Recoverable", Map.of(), policy, versionList);
		}

	}

	public static final class StorageSpec {

		public final String id;

		public Boolean supportsHttpsTrafficOnly = true;

		public String minimumTlsVersion = "TLS1_2";

		public Boolean allowBlobPublicAccess = false;

		public Boolean allowSharedKeyAccess = false;

		public Boolean allowCrossTenantReplication = false;

		public Boolean defaultToOAuthAuthentication = true;

		public String publicNetworkAccess = "Disabled";

		public String defaultAction = "Deny";

		public final List<PrivateEndpointConnection> privateEndpoints = new ArrayList<>();

		/** {@code false} removes the whole encryption block. */
		public boolean hasEncryption = true;

		public String keySource = "Microsoft.Keyvault";

		public Boolean requireInfrastructureEncryption = true;

		public String keyVaultUri;

		public String keyName;

		public String keyVersion = "";

		public String bypass = "AzureServices";

		public Integer keyExpirationPeriodInDays = 90;

		public Instant key1CreationTime = NOW.minus(Duration.ofDays(10));

		public Instant key2CreationTime = NOW.minus(Duration.ofDays(10));

		public String sasExpirationPeriod = "1.00:00:00";

		public String sasExpirationAction = "Block";

		StorageSpec(String id) {
			this.id = id;
		}

		StorageAccount toRecord() {
			NetworkRules rules = (this.defaultAction != null)
					? new NetworkRules(this.defaultAction, this.bypass, List.of(), List.of()) : null;
			StorageAccount.Encryption encryption = this.hasEncryption
					? new StorageAccount.Encryption(this.keySource, this.requireInfrastructureEncryption,
							this.keyVaultUri, this.keyName, this.keyVersion, null, null, null)
					: null;
			return new StorageAccount(this.id, ArmIds.nameOf(this.id), ArmIds.subscriptionOf(this.id),
					ArmIds.resourceGroupOf(this.id), "westeurope", "StorageV2", "Standard_ZRS", Map.of(),
					this.supportsHttpsTrafficOnly, this.minimumTlsVersion, this.allowBlobPublicAccess,
					this.allowSharedKeyAccess, this.allowCrossTenantReplication, this.defaultToOAuthAuthentication,
					this.publicNetworkAccess, rules, this.privateEndpoints, encryption, this.keyExpirationPeriodInDays,
					this.key1CreationTime, this.key2CreationTime, this.sasExpirationPeriod, this.sasExpirationAction);
		}

	}

	public static final class RegistrySpec {

		public final String id;

		public String sku = "Premium";

		public Boolean adminUserEnabled = false;

		public String publicNetworkAccess = "Disabled";

		public String defaultAction = "Deny";

		public Boolean anonymousPullEnabled = false;

		public String encryptionStatus = "enabled";

		public String exportPolicyStatus = "disabled";

		public String azureAdAuthenticationAsArmPolicyStatus = "disabled";

		public final List<PrivateEndpointConnection> privateEndpoints = new ArrayList<>();

		RegistrySpec(String id) {
			this.id = id;
		}

		ContainerRegistry toRecord() {
			NetworkRules rules = (this.defaultAction != null)
					? new NetworkRules(this.defaultAction, null, List.of(), List.of()) : null;
			return new ContainerRegistry(this.id, ArmIds.nameOf(this.id), ArmIds.subscriptionOf(this.id),
					ArmIds.resourceGroupOf(this.id), "westeurope", this.sku, Map.of(), this.adminUserEnabled,
					this.publicNetworkAccess, rules, this.anonymousPullEnabled, this.encryptionStatus,
					this.exportPolicyStatus, this.azureAdAuthenticationAsArmPolicyStatus, this.privateEndpoints);
		}

	}

	public static final class AppInsightsSpec {

		public final String id;

		public Boolean disableLocalAuth = true;

		public String publicNetworkAccessForIngestion = "Disabled";

		public String publicNetworkAccessForQuery = "Disabled";

		public String workspaceResourceId;

		AppInsightsSpec(String id, String workspaceResourceId) {
			this.id = id;
			this.workspaceResourceId = workspaceResourceId;
		}

		MonitoringResource toRecord() {
			return new MonitoringResource(this.id, ArmIds.nameOf(this.id), MonitoringResource.APP_INSIGHTS,
					ArmIds.subscriptionOf(this.id), ArmIds.resourceGroupOf(this.id), "westeurope",
					this.disableLocalAuth, this.publicNetworkAccessForIngestion, this.publicNetworkAccessForQuery,
					this.workspaceResourceId);
		}

	}

	public static final class LogAnalyticsSpec {

		public final String id;

		public Boolean disableLocalAuth = true;

		public String publicNetworkAccessForIngestion = "Disabled";

		public String publicNetworkAccessForQuery = "Disabled";

		LogAnalyticsSpec(String id) {
			this.id = id;
		}

		MonitoringResource toRecord() {
			return new MonitoringResource(this.id, ArmIds.nameOf(this.id), MonitoringResource.LOG_ANALYTICS,
					ArmIds.subscriptionOf(this.id), ArmIds.resourceGroupOf(this.id), "westeurope",
					this.disableLocalAuth, this.publicNetworkAccessForIngestion, this.publicNetworkAccessForQuery,
					null);
		}

	}

	public static final class ComputeSpec {

		public final String id;

		public String computeType;

		public Boolean disableLocalAuth = true;

		public String subnetId = "/subscriptions/" + SUBSCRIPTION
				+ "/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/ml";

		public Boolean enableNodePublicIp = false;

		public String remoteLoginPortPublicAccess = "Disabled";

		public Boolean latestOsImage = true;

		public String idleTimeBeforeShutdown = "PT60M";

		public Integer minNodeCount = 0;

		ComputeSpec(String id, String computeType) {
			this.id = id;
			this.computeType = computeType;
		}

		static ComputeSpec instance(String id) {
			return new ComputeSpec(id, "ComputeInstance");
		}

		static ComputeSpec cluster(String id) {
			ComputeSpec cluster = new ComputeSpec(id, "AmlCompute");
			cluster.latestOsImage = null;
			cluster.idleTimeBeforeShutdown = null;
			return cluster;
		}

		Compute toRecord(String workspaceId) {
			return new Compute(this.id, ArmIds.nameOf(this.id), workspaceId, this.computeType, this.disableLocalAuth,
					this.subnetId, this.enableNodePublicIp, this.remoteLoginPortPublicAccess, this.latestOsImage,
					this.idleTimeBeforeShutdown, this.minNodeCount, "Succeeded");
		}

	}

	public static final class EndpointSpec {

		public final String id;

		public String authMode = "AADToken";

		public String publicNetworkAccess = "Disabled";

		EndpointSpec(String id) {
			this.id = id;
		}

		OnlineEndpoint toRecord(String workspaceId) {
			return new OnlineEndpoint(this.id, ArmIds.nameOf(this.id), workspaceId, this.authMode,
					this.publicNetworkAccess, "Succeeded");
		}

	}

}
