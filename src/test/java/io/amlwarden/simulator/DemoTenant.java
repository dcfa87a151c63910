package io.amlwarden.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.amlwarden.simulator.SimJson.map;

/**
 * The {@code demo} tenant the local launcher serves: three subscriptions and thirteen
 * workspaces that cover well- and mis-configured cases of every check family of the
 * posture catalogue. {@code docs/demo-tenant.md} lists, per workspace, what is
 * well-configured and what is not; keep the two in step.
 * <p>
 * Every workspace starts from the <em>golden</em> baseline (which passes every
 * workspace-level check) and then deviates only where the table says so. Key ages and
 * expiries are relative to the instant the tenant is built for, so that "due" and
 * "overdue" stay true whenever the demo runs.
 */
public final class DemoTenant {

	public static final String TENANT = "de000000-0000-4000-8000-0000000000aa";

	/** Production: well-configured workspaces, clean RBAC, Defender on. */
	public static final String PROD = "de000000-0000-4000-8000-000000000001";

	/** Development: public, weak vault, weak storage and registry, risky RBAC. */
	public static final String DEV = "de000000-0000-4000-8000-000000000002";

	/** Research: service-side CMK, pinned storage key, legacy workspaces, orphans. */
	public static final String RESEARCH = "de000000-0000-4000-8000-000000000003";

	public static final List<String> SUBSCRIPTIONS = List.of(PROD, DEV, RESEARCH);

	// Principals (Microsoft Graph object ids).
	public static final String ADA_OWNER = "de0000a0-0000-4000-8000-000000000001";

	public static final String OSCAR_OWNER = "de0000a0-0000-4000-8000-000000000002";

	public static final String PLATFORM_READERS = "de0000a0-0000-4000-8000-000000000003";

	public static final String CI_DEPLOYER_SP = "de0000a0-0000-4000-8000-000000000004";

	public static final String DANA_DEVELOPER = "de0000a0-0000-4000-8000-000000000005";

	public static final String GARY_GUEST = "de0000a0-0000-4000-8000-000000000006";

	public static final String UMA_ACCESS_ADMIN = "de0000a0-0000-4000-8000-000000000007";

	public static final String RESEARCH_TEAM = "de0000a0-0000-4000-8000-000000000008";

	/** Not in the directory at all: Graph answers 404 for it, also in deleted items. */
	public static final String GHOST_PRINCIPAL = "de0000a0-0000-4000-8000-000000000009";

	/** Deleted, still in {@code directory/deletedItems}. */
	public static final String SOFT_DELETED_USER = "de0000a0-0000-4000-8000-00000000000a";

	public static final String DATA_SCIENTISTS = "de0000a0-0000-4000-8000-00000000000b";

	public static final String SUPERUSER_ROLE = "de00c0de-0000-4000-8000-000000000001";

	private DemoTenant() {
	}

	/**
	 * The ARM id of a demo workspace.
	 */
	public static String workspaceId(String subscription, String resourceGroup, String name) {
		return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup
				+ "/providers/Microsoft.MachineLearningServices/workspaces/" + name;
	}

	/**
	 * Builds the demo tenant as of an instant.
	 */
	public static TenantFixture fixture(Instant now) {
		TenantFixture fixture = new TenantFixture(TENANT, now);
		for (String subscription : SUBSCRIPTIONS) {
			fixture.subscription(subscription);
		}
		principals(fixture);
		monitoring(fixture);
		defender(fixture);
		prod(fixture, now);
		dev(fixture, now);
		research(fixture, now);
		rbac(fixture);
		return fixture;
	}

	private static void principals(TenantFixture fixture) {
		fixture.principal(ADA_OWNER, "user", "Ada Admin", "Member")
			.principal(OSCAR_OWNER, "user", "Oscar Owner", "Member")
			.principal(PLATFORM_READERS, "group", "Platform Readers", null)
			.principal(CI_DEPLOYER_SP, "servicePrincipal", "ci-deployer", null)
			.principal(DANA_DEVELOPER, "user", "Dana Developer", "Member")
			.principal(GARY_GUEST, "user", "Gary Guest", "Guest")
			.principal(UMA_ACCESS_ADMIN, "user", "Uma Access", "Member")
			.principal(RESEARCH_TEAM, "group", "Research Team", null)
			.principal(DATA_SCIENTISTS, "group", "Data Scientists", null)
			.deletedPrincipal(SOFT_DELETED_USER, "user", "Sam Departed");
	}

	private static String lawId(String subscription) {
		return "/subscriptions/" + subscription
				+ "/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-central";
	}

	private static void monitoring(TenantFixture fixture) {
		fixture.logAnalytics(lawId(PROD), true, "Disabled");
		fixture.logAnalytics(lawId(DEV), false, "Enabled");
		fixture.logAnalytics(lawId(RESEARCH), true, "Disabled");
	}

	private static void defender(TenantFixture fixture) {
		for (String plan : List.of("KeyVaults", "StorageAccounts", "Containers", "Arm", "CloudPosture", "AI")) {
			fixture.pricing(PROD, plan, "Standard");
			fixture.pricing(DEV, plan, "Free");
		}
		fixture.pricing(RESEARCH, "KeyVaults", "Standard")
			.pricing(RESEARCH, "StorageAccounts", "Standard")
			.pricing(RESEARCH, "Containers", "Free")
			.pricing(RESEARCH, "Arm", "Free")
			.pricing(RESEARCH, "CloudPosture", "Free")
			.pricing(RESEARCH, "AI", "Standard");
	}

	// ---- subscriptions --------------------------------------------------------------

	private static void prod(TenantFixture fixture, Instant now) {
		String rg = "rg-ml-prod";
		workspace(fixture, now, PROD, rg, "ws-gold", (s) -> {
			s.props(s.workspace).put("hbiWorkspace", true);
			goodComputeInstance(s, "ci-gold");
			goodCluster(s, "cluster-gold");
			s.onlineEndpoint("ep-gold", "AADToken", "Disabled");
			s.assignments
				.add(new String[] { s.workspaceId, TenantFixture.AZUREML_DATA_SCIENTIST, DATA_SCIENTISTS, "Group" });
		});
		String projectId = workspaceId(PROD, rg, "ws-project");
		TenantFixture.Stack hub = workspace(fixture, now, PROD, rg, "ws-hub", (s) -> {
			s.workspace.put("kind", "Hub");
			s.props(s.workspace).put("hbiWorkspace", true);
			s.props(s.workspace).put("associatedWorkspaces", new ArrayList<>(List.of(projectId)));
		});
		workspace(fixture, now, PROD, rg, "ws-project", (s) -> {
			// A project keeps no dependencies of its own: it uses the hub's, and
			// inherits the hub's encryption (no encryption block).
			s.workspace.put("kind", "Project");
			Map<String, Object> p = s.props(s.workspace);
			p.put("hubResourceId", hub.workspaceId);
			p.put("keyVault", hub.vaultId);
			p.put("storageAccount", hub.storageId);
			p.put("containerRegistry", hub.registryId);
			p.put("applicationInsights", SimJson.str(hub.appInsights, "id"));
			p.remove("encryption");
			s.vault = null;
			s.key = null;
			s.storage = null;
			s.registry = null;
			s.appInsights = null;
			s.diagnosticsOn.retainAll(List.of(s.workspaceId));
			s.assignments.clear();
		});
		workspace(fixture, now, PROD, rg, "ws-cmk-elsewhere", (s) -> {
			// The key lives in another vault than encryption.keyVaultArmId names.
			String otherName = "kvcmkother";
			String otherId = "/subscriptions/" + PROD + "/resourceGroups/" + rg
					+ "/providers/Microsoft.KeyVault/vaults/" + otherName;
			Map<String, Object> other = SimJson.copy(s.vault);
			other.put("id", otherId);
			other.put("name", otherName);
			s.props(other).put("vaultUri", "https://" + otherName + ".vault.azure.net/");
			s.props(other)
				.put("privateEndpointConnections",
						List.of(s.privateEndpointConnection(otherId, "pe-" + otherName, "Approved")));
			s.extra.add(other);
			String version = fixture.uuid().replace("-", "");
			s.extraKeys.add(key(otherId, "cmk", now, version, 30, 335, rotateEvery("P90D")));
			keyVaultProperties(s).put("keyIdentifier", "https://" + otherName + ".vault.azure.net/keys/cmk/" + version);
		});
	}

	private static void dev(TenantFixture fixture, Instant now) {
		String rg = "rg-ml-dev";
		workspace(fixture, now, DEV, rg, "ws-dev-open", (s) -> {
			Map<String, Object> p = s.props(s.workspace);
			p.put("publicNetworkAccess", "Enabled");
			p.put("allowPublicAccessWhenBehindVnet", true);
			p.put("privateEndpointConnections", List.of());
			p.put("managedNetwork",
					map("isolationMode", "Disabled", "status", map("status", "Inactive"), "outboundRules", map()));
			p.put("systemDatastoresAuthMode", "accessKey");
			p.remove("encryption");
			s.diagnosticsOn.remove(s.workspaceId);
			s.compute("ci-open", "ComputeInstance", false,
					map("vmSize", "STANDARD_DS3_V2", "enableNodePublicIp", true, "sshSettings",
							map("sshPublicAccess", "Enabled", "adminUserName", "azureuser"), "osImageMetadata",
							map("isLatestOsImageVersion", false, "currentImageVersion", "22.01"),
							"applicationSharingPolicy", "Shared"));
			s.compute("cluster-open", "AmlCompute", false,
					map("vmSize", "STANDARD_NC6", "enableNodePublicIp", true, "remoteLoginPortPublicAccess", "Enabled",
							"scaleSettings", map("minNodeCount", 2, "maxNodeCount", 4)));
			s.onlineEndpoint("ep-open", "Key", "Enabled");
			Map<String, Object> appi = s.props(s.appInsights);
			appi.put("DisableLocalAuth", false);
			appi.put("publicNetworkAccessForIngestion", "Enabled");
			appi.put("publicNetworkAccessForQuery", "Enabled");
			s.assignments.add(new String[] { s.workspaceId, TenantFixture.OWNER, DANA_DEVELOPER, "User" });
		});
		workspace(fixture, now, DEV, rg, "ws-dev-weakvault", (s) -> {
			Map<String, Object> v = s.props(s.vault);
			v.put("enableSoftDelete", false);
			v.remove("enablePurgeProtection");
			v.put("enableRbacAuthorization", false);
			v.put("accessPolicies",
					List.of(map("tenantId", TENANT, "objectId", s.workspacePrincipalId, "permissions",
							map("keys", List.of("get", "wrapKey", "unwrapKey"), "secrets", List.of("all"),
									"certificates", List.of()))));
			v.put("publicNetworkAccess", "Enabled");
			v.put("networkAcls", map("bypass", "AzureServices", "defaultAction", "Allow", "ipRules", List.of(),
					"virtualNetworkRules", List.of()));
			v.put("privateEndpointConnections", List.of());
			s.diagnosticsOn.remove(s.vaultId);
			// 400 days old, no expiry, no rotation policy.
			replaceKey(s, key(s.vaultId, "cmk", now, s.keyVersion, 400, null, null));
		});
		workspace(fixture, now, DEV, rg, "ws-dev-storage", (s) -> {
			Map<String, Object> st = s.props(s.storage);
			st.put("supportsHttpsTrafficOnly", false);
			st.put("minimumTlsVersion", "TLS1_0");
			st.put("allowBlobPublicAccess", true);
			st.put("allowSharedKeyAccess", true);
			st.put("allowCrossTenantReplication", true);
			st.put("defaultToOAuthAuthentication", false);
			st.put("publicNetworkAccess", "Enabled");
			st.put("networkAcls", map("bypass", "None", "virtualNetworkRules", List.of(), "ipRules",
					List.of(map("value", "203.0.113.0/24", "action", "Allow")), "defaultAction", "Allow"));
			st.put("privateEndpointConnections", List.of());
			st.put("encryption", map("services", map("blob", map("keyType", "Account", "enabled", true)), "keySource",
					"Microsoft.Storage", "requireInfrastructureEncryption", false));
			st.remove("keyPolicy");
			st.remove("sasPolicy");
			s.diagnosticsOn.remove(s.storageId);
			s.registry.put("sku", map("name", "Standard", "tier", "Standard"));
			Map<String, Object> cr = s.props(s.registry);
			cr.put("adminUserEnabled", true);
			cr.put("anonymousPullEnabled", true);
			cr.put("publicNetworkAccess", "Enabled");
			cr.put("networkRuleSet", map("defaultAction", "Allow", "ipRules", List.of()));
			cr.put("privateEndpointConnections", List.of());
			cr.put("encryption", map("status", "disabled"));
			cr.put("policies", map("exportPolicy", map("status", "enabled"), "azureADAuthenticationAsArmPolicy",
					map("status", "enabled")));
			s.diagnosticsOn.remove(s.registryId);
		});
		workspace(fixture, now, DEV, rg, "ws-dev-internet", (s) -> {
			Map<String, Object> p = s.props(s.workspace);
			p.put("managedNetwork", map("isolationMode", "AllowInternetOutbound", "status",
					map("status", "Active", "sparkReady", false), "outboundRules", map()));
			p.put("privateEndpointConnections",
					List.of(s.privateEndpointConnection(s.workspaceId, "pe-ws-dev-internet", "Pending")));
			// Due: 86 days into a 90-day rotation period.
			replaceKey(s, key(s.vaultId, "cmk", now, s.keyVersion, 86, 279, rotateEvery("P90D")));
		});
	}

	private static void research(TenantFixture fixture, Instant now) {
		String rg = "rg-research";
		workspace(fixture, now, RESEARCH, rg, "ws-res-servicecmk", (s) -> {
			s.props(s.workspace).put("enableServiceSideCMKEncryption", true);
			// Overdue: 200 days old, the policy only notifies.
			replaceKey(s, key(s.vaultId, "cmk", now, s.keyVersion, 200, 165,
					map("lifetimeActions",
							List.of(map("trigger", map("timeBeforeExpiry", "P30D"), "action", map("type", "Notify"))),
							"attributes", map("expiryTime", "P1Y"))));
		});
		workspace(fixture, now, RESEARCH, rg, "ws-res-pinned", (s) -> {
			Map<String, Object> st = s.props(s.storage);
			st.put("minimumTlsVersion", "TLS1_3");
			SimJson.obj(SimJson.at(st, "encryption", "keyvaultproperties")).put("keyversion", s.keyVersion);
			// Expires in 10 days.
			replaceKey(s, key(s.vaultId, "cmk", now, s.keyVersion, 30, 10, rotateEvery("P90D")));
		});
		workspace(fixture, now, RESEARCH, rg, "ws-res-isolation", (s) -> {
			Map<String, Object> p = s.props(s.workspace);
			p.remove("managedNetwork");
			p.put("v1LegacyMode", true);
			p.put("privateEndpointConnections",
					List.of(s.privateEndpointConnection(s.workspaceId, "pe-ws-res-isolation", "Rejected")));
			p.remove("applicationInsights");
			s.appInsights = null;
		});
		workspace(fixture, now, RESEARCH, rg, "ws-res-clean", (s) -> {
			s.props(s.workspace).put("hbiWorkspace", true);
			s.diagnosticCategories.put(s.workspaceId, map("categoryGroup", "allLogs", "enabled", true));
			s.diagnosticCategories.put(s.vaultId, map("category", "AuditEvent", "enabled", true));
			s.onlineEndpoint("ep-clean", "AMLToken", "Disabled");
			s.assignments
				.add(new String[] { s.workspaceId, TenantFixture.AZUREML_DATA_SCIENTIST, RESEARCH_TEAM, "Group" });
		});
		workspace(fixture, now, RESEARCH, rg, "ws-res-legacy", (s) -> {
			// An old workspace: most security properties are simply absent.
			s.workspace.remove("kind");
			s.workspace.put("identity",
					map("type", "SystemAssigned", "principalId", s.workspacePrincipalId, "tenantId", TENANT));
			Map<String, Object> p = s.props(s.workspace);
			for (String field : List.of("publicNetworkAccess", "allowPublicAccessWhenBehindVnet", "managedNetwork",
					"systemDatastoresAuthMode", "hbiWorkspace", "v1LegacyMode", "enableServiceSideCMKEncryption",
					"enableDataIsolation", "encryption", "primaryUserAssignedIdentity")) {
				p.remove(field);
			}
			p.put("privateEndpointConnections", List.of());
		});
	}

	private static void rbac(TenantFixture fixture) {
		String prod = "/subscriptions/" + PROD;
		String dev = "/subscriptions/" + DEV;
		String research = "/subscriptions/" + RESEARCH;
		// Production: two member owners and a reader group (clean).
		fixture.roleAssignment(prod, TenantFixture.OWNER, ADA_OWNER, "User")
			.roleAssignment(prod, TenantFixture.OWNER, OSCAR_OWNER, "User")
			.roleAssignment(prod, TenantFixture.READER, PLATFORM_READERS, "Group");
		// Development: a service principal owner, a guest contributor, a user access
		// administrator.
		fixture.roleAssignment(dev, TenantFixture.OWNER, CI_DEPLOYER_SP, "ServicePrincipal")
			.roleAssignment(dev, TenantFixture.OWNER, DANA_DEVELOPER, "User")
			.roleAssignment(dev + "/resourceGroups/rg-ml-dev", TenantFixture.CONTRIBUTOR, GARY_GUEST, "User")
			.roleAssignment(dev, TenantFixture.USER_ACCESS_ADMINISTRATOR, UMA_ACCESS_ADMIN, "User");
		// Research: a custom role with "*", an owner that no longer exists, a
		// soft-deleted contributor.
		fixture.customRole(RESEARCH, SUPERUSER_ROLE, "Research Superuser", List.of("*"))
			.roleAssignment(research, SUPERUSER_ROLE, RESEARCH_TEAM, "Group")
			.roleAssignment(research, TenantFixture.OWNER, GHOST_PRINCIPAL, "User")
			.roleAssignment(workspaceId(RESEARCH, "rg-research", "ws-res-servicecmk"), TenantFixture.CONTRIBUTOR,
					SOFT_DELETED_USER, "User");
	}

	// ---- the golden baseline
	// -----------------------------------------------------------

	/**
	 * Adds a workspace stack: the golden baseline, then the deviations.
	 */
	private static TenantFixture.Stack workspace(TenantFixture fixture, Instant now, String subscription,
			String resourceGroup, String name, Consumer<TenantFixture.Stack> deviations) {
		return fixture.stack(subscription, resourceGroup, name, (s) -> {
			golden(fixture, now, s);
			deviations.accept(s);
			fixture.principal(s.workspacePrincipalId, "servicePrincipal", name, null);
		});
	}

	private static void golden(TenantFixture fixture, Instant now, TenantFixture.Stack s) {
		String name = SimJson.str(s.workspace, "name");
		String uaiId = "/subscriptions/" + s.subscriptionId + "/resourceGroups/" + s.resourceGroup
				+ "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-" + name;
		String uaiPrincipal = fixture.uuid();
		fixture.principal(uaiPrincipal, "servicePrincipal", "uai-" + name, null);
		s.workspace.put("identity",
				map("type", "SystemAssigned,UserAssigned", "principalId", s.workspacePrincipalId, "tenantId", TENANT,
						"userAssignedIdentities",
						map(uaiId, map("principalId", uaiPrincipal, "clientId", fixture.uuid()))));
		Map<String, Object> p = s.props(s.workspace);
		p.put("primaryUserAssignedIdentity", uaiId);
		p.put("hbiWorkspace", false);
		// Vault: premium (HSM-backed keys); the rest of the stack default is golden.
		s.props(s.vault).put("sku", map("family", "A", "name", "premium"));
		s.key.put("kty", "RSA-HSM");
		// Storage: SAS expiry policy and fresh account keys.
		Map<String, Object> st = s.props(s.storage);
		st.put("sasPolicy", map("sasExpirationPeriod", "1.00:00:00", "expirationAction", "Block"));
		st.put("keyCreationTime", map("key1", now.minus(Duration.ofDays(10)).toString(), "key2",
				now.minus(Duration.ofDays(10)).toString()));
		// Registry: customer-managed key.
		s.props(s.registry)
			.put("encryption", map("status", "enabled", "keyVaultProperties",
					map("keyIdentifier", s.vaultUri + "/keys/cmk", "identity", fixture.uuid())));
		// App Insights: no public ingestion or query.
		Map<String, Object> appi = s.props(s.appInsights);
		appi.put("publicNetworkAccessForIngestion", "Disabled");
		appi.put("publicNetworkAccessForQuery", "Disabled");
		appi.put("WorkspaceResourceId", lawId(s.subscriptionId));
	}

	private static void goodComputeInstance(TenantFixture.Stack s, String name) {
		s.compute(name, "ComputeInstance", true,
				map("vmSize", "STANDARD_DS3_V2", "subnet", map("id", subnet(s)), "enableNodePublicIp", false,
						"sshSettings", map("sshPublicAccess", "Disabled"), "osImageMetadata",
						map("isLatestOsImageVersion", true, "currentImageVersion", "24.10"), "idleTimeBeforeShutdown",
						"PT30M", "applicationSharingPolicy", "Personal"));
	}

	private static void goodCluster(TenantFixture.Stack s, String name) {
		s.compute(name, "AmlCompute", true,
				map("vmSize", "STANDARD_DS3_V2", "subnet", map("id", subnet(s)), "enableNodePublicIp", false,
						"remoteLoginPortPublicAccess", "Disabled", "scaleSettings",
						map("minNodeCount", 0, "maxNodeCount", 4)));
	}

	private static String subnet(TenantFixture.Stack s) {
		return "/subscriptions/" + s.subscriptionId + "/resourceGroups/" + s.resourceGroup
				+ "/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/compute";
	}

	// ---- keys -----------------------------------------------------------------------

	@SuppressWarnings("unchecked")
	private static Map<String, Object> keyVaultProperties(TenantFixture.Stack s) {
		return (Map<String, Object>) SimJson.at(s.workspace, "properties", "encryption", "keyVaultProperties");
	}

	private static void replaceKey(TenantFixture.Stack s, Map<String, Object> key) {
		s.key.clear();
		s.key.putAll(key);
	}

	private static Map<String, Object> rotateEvery(String period) {
		return map("lifetimeActions",
				List.of(map("trigger", map("timeAfterCreate", period), "action", map("type", "Rotate")),
						map("trigger", map("timeBeforeExpiry", "P30D"), "action", map("type", "Notify"))),
				"attributes", map("expiryTime", "P1Y"));
	}

	/**
	 * A key whose one version was created {@code ageDays} ago and expires
	 * {@code expiresInDays} from now ({@code null}: no expiry).
	 */
	private static Map<String, Object> key(String vaultId, String name, Instant now, String version, int ageDays,
			Integer expiresInDays, Map<String, Object> rotationPolicy) {
		long created = now.minus(Duration.ofDays(ageDays)).getEpochSecond();
		Long exp = (expiresInDays != null) ? now.plus(Duration.ofDays(expiresInDays)).getEpochSecond() : null;
		Map<String, Object> policy = null;
		if (rotationPolicy != null) {
			policy = SimJson.copy(rotationPolicy);
			SimJson.obj(policy.get("attributes")).put("created", created);
			SimJson.obj(policy.get("attributes")).put("updated", created);
		}
		return map("vaultId", vaultId, "name", name, "kty", "RSA-HSM", "keySize", 3072, "keyOps",
				List.of("wrapKey", "unwrapKey"), "tags", map(), "versions",
				new ArrayList<>(List
					.of(map("version", version, "created", created, "updated", created, "exp", exp, "enabled", true))),
				"rotationPolicy", policy);
	}

}
