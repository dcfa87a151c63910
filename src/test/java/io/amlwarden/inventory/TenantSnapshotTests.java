package io.amlwarden.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantSnapshotTests {

	private static final String SUB = "00000000-0000-0000-0000-000000000001";

	private static final String VAULT_ID = "/subscriptions/" + SUB
			+ "/resourceGroups/RG1/providers/Microsoft.KeyVault/vaults/kv1";

	private static final String LOCKED_VAULT_ID = "/subscriptions/" + SUB
			+ "/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv-locked";

	@Test
	void lookupsIgnoreCaseAndTellUnreadableFromAbsent() {
		KeyVault vault = vault(VAULT_ID, "https://kv1.vault.azure.net/");
		VaultKey key = new VaultKey(VAULT_ID + "/keys/cmk", VAULT_ID, "cmk", "https://kv1.vault.azure.net/keys/cmk",
				"https://kv1.vault.azure.net/keys/cmk/abc", "RSA", 3072, List.of("wrapKey"), true,
				Instant.parse("2025-01-01T00:00:00Z"), null, null, null, "Recoverable", Map.of(), ReadResult.absent(),
				ReadResult.notCollected());
		TenantSnapshot snapshot = TenantSnapshot.builder(InventoryScope.subscriptions(List.of(SUB)), Instant.now())
			.vaults(List.of(vault))
			.keys(List.of(key))
			.readFailures(List.of(new ReadFailure(LOCKED_VAULT_ID, "vault", ReadFailure.Reason.FORBIDDEN, "403")))
			.diagnosticSettings(VAULT_ID, ReadResult.present(List.of()))
			.build();

		assertThat(snapshot.vault(VAULT_ID.toLowerCase()).isPresent()).isTrue();
		assertThat(snapshot.vault(LOCKED_VAULT_ID.toUpperCase()).state()).isEqualTo(ReadResult.State.UNREADABLE);
		assertThat(snapshot.vault(VAULT_ID + "-missing").state()).isEqualTo(ReadResult.State.ABSENT);
		assertThat(snapshot.keyByIdentifier("https://KV1.vault.azure.net/keys/cmk/abc").value()).isEqualTo(key);
		assertThat(snapshot.diagnosticSettings(VAULT_ID.toUpperCase()).isPresent()).isTrue();
		assertThat(snapshot.diagnosticSettings(LOCKED_VAULT_ID).state()).isEqualTo(ReadResult.State.NOT_COLLECTED);
		assertThat(snapshot.partial()).isTrue();
	}

	@Test
	void roleAssignmentsInheritFromAncestorScopes() {
		String ws = "/subscriptions/" + SUB
				+ "/resourceGroups/rg1/providers/Microsoft.MachineLearningServices/workspaces/ws1";
		RoleAssignment atSubscription = assignment("a1", "/subscriptions/" + SUB.toUpperCase());
		RoleAssignment atGroup = assignment("a2", "/subscriptions/" + SUB + "/resourcegroups/RG1");
		RoleAssignment elsewhere = assignment("a3", "/subscriptions/" + SUB + "/resourceGroups/rg10");
		TenantSnapshot snapshot = TenantSnapshot.builder(InventoryScope.subscriptions(List.of(SUB)), Instant.now())
			.roleAssignments(List.of(atSubscription, atGroup, elsewhere))
			.build();

		assertThat(snapshot.roleAssignmentsAffecting(ws)).containsExactly(atSubscription, atGroup);
		assertThat(snapshot.partial()).isFalse();
	}

	@Test
	void scopeNarrowsToResourceGroupsAndWorkspaces() {
		String ws = "/subscriptions/" + SUB
				+ "/resourceGroups/RG1/providers/Microsoft.MachineLearningServices/workspaces/ws1";
		assertThat(new InventoryScope(List.of(SUB), List.of("rg1"), List.of()).includesWorkspace(ws)).isTrue();
		assertThat(new InventoryScope(List.of(SUB), List.of("rg2"), List.of()).includesWorkspace(ws)).isFalse();
		assertThat(new InventoryScope(List.of(SUB), List.of(), List.of(ws.toLowerCase())).includesWorkspace(ws))
			.isTrue();
		assertThat(InventoryScope.subscriptions(List.of("other")).includesWorkspace(ws)).isFalse();
	}

	@Test
	void keyUrlsAndRotationActionsParse() {
		assertThat(KeyUrls.version("https://kv.vault.azure.net/keys/k/v1")).isEqualTo("v1");
		assertThat(KeyUrls.version("https://kv.vault.azure.net/keys/k")).isNull();
		assertThat(KeyUrls.vaultUrl("https://KV.vault.azure.net/keys/k")).isEqualTo("https://kv.vault.azure.net");
		assertThat(RotationPolicy.Action.parse("rotate")).isEqualTo(RotationPolicy.Action.ROTATE);
		assertThat(RotationPolicy.Action.parse("Notify")).isEqualTo(RotationPolicy.Action.NOTIFY);
	}

	private static RoleAssignment assignment(String name, String scope) {
		return new RoleAssignment(scope + "/providers/Microsoft.Authorization/roleAssignments/" + name, name, scope,
				"/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "p1", "User",
				null, null, null, null, null, null, null, null);
	}

	private static KeyVault vault(String id, String uri) {
		return new KeyVault(id, ArmIds.nameOf(id), SUB, "rg1", "westeurope", Map.of(), "t", "standard", uri, true, 90,
				true, true, "Disabled", new NetworkRules("Deny", "AzureServices", List.of(), List.of()), List.of(),
				List.of());
	}

}
