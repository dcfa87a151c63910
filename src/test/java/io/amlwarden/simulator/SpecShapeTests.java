package io.amlwarden.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's payloads against the real examples of Azure/azure-rest-api-specs. Each
 * sample in {@code src/test/resources/simulator/spec-samples/} is the response body of
 * the example named in {@link #SAMPLES}, copied unchanged (except where the table says
 * so). Two properties are checked:
 * <ul>
 * <li>every property path of the example exists in the simulator's payload, except the
 * paths the table lists as not simulated (read by nothing in the auditor);</li>
 * <li>no property path of the simulator differs from the example's only by letter case,
 * and a path both carry holds the same JSON type (string, number, boolean, object, array)
 * — the mistakes that a hand-written fake makes and a real tenant punishes.</li>
 * </ul>
 */
class SpecShapeTests {

	private static final String SUB = "00000000-0000-4000-8000-0000000000d1";

	/** Where the Azure examples live: Azure/azure-rest-api-specs. */
	private static final String SPECS = "Azure/azure-rest-api-specs:specification/";

	/** Microsoft Graph has no REST spec repository; its documented examples are used. */
	private static final String GRAPH_DOCS = "microsoftgraph/microsoft-graph-docs-contrib:api-reference/";

	/**
	 * Sample file, the example it was copied from (path in Azure/azure-rest-api-specs),
	 * the api-version of that example, and the example paths the simulator does not serve
	 * (prefixes; nothing in the auditor reads them).
	 */
	static final List<Sample> SAMPLES = List.of(
			new Sample("workspace.json",
					SPECS + "machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/"
							+ "2025-09-01/examples/Workspace/get.json",
					"2025-09-01",
					Set.of("/properties/description", "/properties/imageBuildCompute", "/properties/privateLinkCount",
							"/properties/serviceProvisionedResourceGroup", "/properties/sharedPrivateLinkResources")),
			new Sample("vault.json",
					SPECS + "keyvault/resource-manager/Microsoft.KeyVault/stable/2025-05-01/examples/getVault.json",
					"2025-05-01", Set.of("/systemData", "/properties/hsmPoolResourceId")),
			// systemData omitted from the copy; the 200 response body otherwise.
			new Sample("vault-network-acls.json",
					SPECS + "keyvault/resource-manager/Microsoft.KeyVault/stable/2025-05-01/examples/"
							+ "createVaultWithNetworkAcls.json",
					"2025-05-01", Set.of("/properties/hsmPoolResourceId")),
			new Sample("storage.json",
					SPECS + "storage/resource-manager/Microsoft.Storage/stable/2025-06-01/examples/"
							+ "StorageAccountGetProperties.json",
					"2025-06-01",
					Set.of("/properties/accountMigrationInProgress",
							"/properties/encryption/services/blob/lastEnabledTime",
							"/properties/encryption/services/file/lastEnabledTime",
							"/properties/geoPriorityReplicationStatus", "/properties/geoReplicationStats",
							"/properties/isHnsEnabled", "/properties/isSkuConversionBlocked",
							"/properties/networkAcls/resourceAccessRules", "/properties/primaryEndpoints",
							"/properties/primaryLocation", "/properties/routingPreference",
							"/properties/secondaryLocation", "/properties/statusOfPrimary",
							"/properties/statusOfSecondary")),
			new Sample("key-arm.json",
					SPECS + "keyvault/resource-manager/Microsoft.KeyVault/stable/2025-05-01/examples/getKey.json",
					"2025-05-01", Set.of()),
			new Sample("key-bundle.json",
					SPECS + "keyvault/data-plane/Microsoft.KeyVault/stable/7.5/examples/GetKey-example.json", "7.5",
					Set.of()),
			// The database password of a deployment with
			// database.password.source=keyVault.
			new Sample("secret-bundle.json",
					SPECS + "keyvault/data-plane/Microsoft.KeyVault/stable/7.5/examples/GetSecret-example.json", "7.5",
					Set.of()),
			new Sample("rotation-policy.json",
					SPECS + "keyvault/data-plane/Microsoft.KeyVault/stable/7.5/examples/"
							+ "GetKeyRotationPolicy-example.json",
					"7.5", Set.of()),
			// The example lives in the 2022-04-01 folder but its parameters say
			// api-version 2020-10-01-preview; the shape is the same.
			new Sample("role-assignment.json",
					SPECS + "authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/examples/"
							+ "RoleAssignments_Get.json",
					"2022-04-01", Set.of()),
			new Sample("registry.json",
					SPECS + "containerregistry/resource-manager/Microsoft.ContainerRegistry/stable/2023-07-01/"
							+ "examples/RegistryGet.json",
					"2023-07-01",
					Set.of("/properties/creationDate", "/properties/dataEndpointEnabled",
							"/properties/dataEndpointHostNames", "/properties/networkRuleBypassOptions",
							"/properties/policies/quarantinePolicy", "/properties/policies/retentionPolicy",
							"/properties/policies/trustPolicy", "/properties/status", "/properties/zoneRedundancy")),
			new Sample("app-insights.json",
					SPECS + "applicationinsights/resource-manager/Microsoft.Insights/stable/2020-02-02/examples/"
							+ "ComponentsGet.json",
					"2020-02-02",
					Set.of("/tags", "/properties/AppId", "/properties/Application_Type", "/properties/ConnectionString",
							"/properties/CreationDate", "/properties/DisableIpMasking", "/properties/Flow_Type",
							"/properties/HockeyAppId", "/properties/HockeyAppToken", "/properties/IngestionMode",
							"/properties/InstrumentationKey", "/properties/LinkedStorages",
							"/properties/Request_Source", "/properties/SamplingPercentage", "/properties/TenantId")),
			new Sample("diagnostic-setting.json",
					SPECS + "monitor/resource-manager/Microsoft.Insights/preview/2021-05-01-preview/examples/"
							+ "getDiagnosticSetting.json",
					"2021-05-01-preview",
					Set.of("/properties/storageAccountId", "/properties/eventHubAuthorizationRuleId",
							"/properties/marketplacePartnerId", "/properties/logs[]/retentionPolicy",
							"/properties/metrics[]/retentionPolicy")),
			// One item of the list's value array.
			new Sample("pricing.json",
					SPECS + "security/resource-manager/Microsoft.Security/stable/2024-01-01/examples/Pricings/"
							+ "ListPricings_example.json",
					"2024-01-01",
					Set.of("/properties/enablementTime", "/properties/enforce", "/properties/resourcesCoverageStatus")),
			// One item of the response's value array (a user).
			new Sample("directory-object.json", GRAPH_DOCS + "v1.0/api/directoryobject-getbyids.md", "v1.0", Set.of()));

	private final TenantFixture fixture = new TenantFixture("72f988bf-0000-4000-8000-0000000000d1", Instant.now())
		.subscription(SUB);

	private final TenantFixture.Stack stack = this.fixture.stack(SUB, "rg", "shape", null);

	@Test
	void payloadsCarryTheFieldsOfTheSpecExamples() throws IOException {
		try (AzureSimulator simulator = start()) {
			List<String> missing = new ArrayList<>();
			for (Sample sample : SAMPLES) {
				Map<String, String> actual = paths(payload(simulator, sample.file()), "");
				for (String path : sample.paths().keySet()) {
					if (!actual.containsKey(path)
							&& sample.notSimulated().stream().noneMatch((p) -> path.equals(p) || path.startsWith(p))) {
						missing.add(sample.file() + " " + path);
					}
				}
			}
			assertThat(missing).as("fields of the spec examples missing from the simulator's payloads").isEmpty();
		}
	}

	@Test
	void noFieldDiffersFromTheSpecExamplesByCaseOrType() throws IOException {
		try (AzureSimulator simulator = start()) {
			for (Sample sample : SAMPLES) {
				Map<String, String> expected = sample.paths();
				Map<String, String> byLowerCase = new TreeMap<>();
				expected.keySet().forEach((path) -> byLowerCase.put(path.toLowerCase(Locale.ROOT), path));
				List<String> wrong = new ArrayList<>();
				paths(payload(simulator, sample.file()), "").forEach((path, type) -> {
					String specPath = byLowerCase.get(path.toLowerCase(Locale.ROOT));
					if (specPath != null && !specPath.equals(path)) {
						wrong.add(path + " is spelled " + specPath + " in the spec");
					}
					else if (specPath != null && !expected.get(specPath).equals(type)
							&& !"null".equals(expected.get(specPath)) && !"null".equals(type)) {
						wrong.add(path + " is " + type + ", " + expected.get(specPath) + " in the spec");
					}
				});
				assertThat(wrong).as("%s against %s", sample.file(), sample.specPath()).isEmpty();
			}
		}
	}

	@Test
	void everySampleNamesItsSpecExampleAndApiVersion() {
		assertThat(SAMPLES).extracting(Sample::file)
			.doesNotHaveDuplicates()
			.allSatisfy((file) -> assertThat(
					SpecShapeTests.class.getClassLoader().getResource("simulator/spec-samples/" + file))
				.isNotNull());
		assertThat(SAMPLES).allSatisfy((sample) -> {
			assertThat(sample.specPath()).startsWith(sample.specPath().startsWith(SPECS) ? SPECS : GRAPH_DOCS)
				.contains("/" + sample.apiVersion() + "/");
		});
	}

	@Test
	void keyAttributesAreEpochSecondsAndArmActionsLowerCase() {
		try (AzureSimulator simulator = start()) {
			assertThat(SimJson.at(simulator.keyBundle(this.stack.vaultId, "cmk"), "attributes", "created"))
				.isInstanceOf(Number.class);
			assertThat(SimJson.str(simulator.armKey(this.stack.vaultId, "cmk"), "properties", "rotationPolicy",
					"lifetimeActions"))
				.contains("type=rotate");
			assertThat(SimJson.str(simulator.rotationPolicy(this.stack.vaultId, "cmk"), "lifetimeActions"))
				.contains("type=Rotate");
		}
	}

	private AzureSimulator start() {
		this.fixture.roleAssignment("/subscriptions/" + SUB, TenantFixture.READER,
				"ce2ce14e-0000-4000-8000-000000000001", "User");
		this.fixture.pricing(SUB, "KeyVaults", "Standard");
		this.fixture.principal("ce2ce14e-0000-4000-8000-000000000001", "user", "Trevor Jones", null);
		// The example's workspace uses a user-assigned identity for its CMK, as the
		// demo tenant's well-configured workspaces do.
		String uai = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.ManagedIdentity/"
				+ "userAssignedIdentities/uai-shape";
		this.stack.workspace.put("identity",
				Map.of("type", "SystemAssigned,UserAssigned", "principalId", this.stack.workspacePrincipalId,
						"tenantId", this.fixture.tenantId(), "userAssignedIdentities",
						Map.of(uai, Map.of("principalId", this.fixture.uuid(), "clientId", this.fixture.uuid()))));
		// Storage account keys with creation times, as the demo tenant's golden stacks.
		this.stack.props(this.stack.storage)
			.put("keyCreationTime",
					Map.of("key1", "2021-03-18T04:42:22.4322836Z", "key2", "2021-03-18T04:42:22.4322836Z"));
		// A vault firewall with an IP rule and a subnet rule.
		this.stack.props(this.stack.vault)
			.put("networkAcls", Map.of("bypass", "AzureServices", "defaultAction", "Deny", "ipRules",
					List.of(Map.of("value", "124.56.78.91/32")), "virtualNetworkRules",
					List.of(Map.of("id", "/subscriptions/" + SUB
							+ "/resourcegroups/rg/providers/microsoft.network/virtualnetworks/vnet/subnets/s1"))));
		// An access-policy vault, as the example's (the stack's default is RBAC).
		this.stack.props(this.stack.vault)
			.put("accessPolicies",
					List.of(Map.of("tenantId", this.fixture.tenantId(), "objectId", this.stack.workspacePrincipalId,
							"permissions", Map.of("keys", List.of("get", "wrapKey", "unwrapKey"), "secrets", List.of(),
									"certificates", List.of()))));
		SimJson.obj(this.stack.props(this.stack.workspace).get("encryption"))
			.put("identity", new java.util.LinkedHashMap<>(Map.of("userAssignedIdentity", uai)));
		return AzureSimulator.start(this.fixture.toJson());
	}

	private Map<String, Object> payload(AzureSimulator simulator, String sample) {
		Function<String, Map<String, Object>> ofType = (type) -> resources().stream()
			.filter((r) -> type.equalsIgnoreCase(String.valueOf(r.get("type"))))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type + " in the fixture"));
		return switch (sample) {
			case "workspace.json" -> simulator.resource(this.stack.workspaceId);
			case "vault.json", "vault-network-acls.json" -> simulator.resource(this.stack.vaultId);
			case "storage.json" -> simulator.resource(this.stack.storageId);
			case "key-arm.json" -> simulator.armKey(this.stack.vaultId, "cmk");
			case "key-bundle.json" -> simulator.keyBundle(this.stack.vaultId, "cmk");
			case "rotation-policy.json" -> simulator.rotationPolicy(this.stack.vaultId, "cmk");
			case "secret-bundle.json" -> {
				simulator.putSecret(this.stack.vaultId, "spring-datasource-password", "shape-only");
				yield simulator.secretBundle(this.stack.vaultId, "spring-datasource-password");
			}
			case "role-assignment.json" -> ofType.apply("Microsoft.Authorization/roleAssignments");
			case "registry.json" -> simulator.resource(this.stack.registryId);
			case "app-insights.json" -> ofType.apply("Microsoft.Insights/components");
			case "diagnostic-setting.json" -> ofType.apply("Microsoft.Insights/diagnosticSettings");
			case "pricing.json" -> ofType.apply("Microsoft.Security/pricings");
			case "directory-object.json" -> SimJson.list(this.fixture.toJson().get("principals"))
				.stream()
				.map(SimJson::obj)
				.filter((p) -> "#microsoft.graph.user".equals(p.get("@odata.type")))
				.findFirst()
				.orElseThrow();
			default -> throw new IllegalArgumentException(sample);
		};
	}

	private List<Map<String, Object>> resources() {
		return SimJson.list(this.fixture.toJson().get("resources")).stream().map(SimJson::obj).toList();
	}

	/** Every property path of a JSON value with its JSON type; arrays as {@code []}. */
	static Map<String, String> paths(Object node, String prefix) {
		Map<String, String> paths = new TreeMap<>();
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				String path = prefix + "/" + key;
				paths.put(path, type(value));
				// Maps keyed by user data (tags, identities by resource id, outbound
				// rules by name), not by schema.
				if (!Set.of("tags", "userAssignedIdentities", "outboundRules").contains(key.toString())) {
					paths.putAll(paths(value, path));
				}
			});
		}
		else if (node instanceof List<?> list) {
			for (Object item : list) {
				paths.putAll(paths(item, prefix + "[]"));
			}
		}
		return paths;
	}

	private static String type(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Map<?, ?>) {
			return "object";
		}
		if (value instanceof List<?>) {
			return "array";
		}
		if (value instanceof Number) {
			return "number";
		}
		if (value instanceof Boolean) {
			return "boolean";
		}
		return "string";
	}

	record Sample(String file, String specPath, String apiVersion, Set<String> notSimulated) {

		Map<String, String> paths() throws IOException {
			try (InputStream in = SpecShapeTests.class.getClassLoader()
				.getResourceAsStream("simulator/spec-samples/" + this.file)) {
				return SpecShapeTests.paths(SimJson.parseObject(in.readAllBytes()), "");
			}
		}

	}

}
