package io.amlwarden.scans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.amlwarden.inventory.DiagnosticSetting;
import io.amlwarden.inventory.KeyUrls;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.inventory.WorkspaceEncryption;

/**
 * Builds the stored document of one workspace: the workspace as collected, each linked
 * resource (vault, CMK vault and key, storage account, registry, Application Insights)
 * with the state of its read, diagnostic settings per resource, and every read failure
 * that concerns them. A linked resource is one of {@code PRESENT} (with its value),
 * {@code ABSENT} (read: does not exist), {@code UNREADABLE} (with the failure, e.g. a
 * 403) or {@code NOT_COLLECTED}; an unreadable vault is therefore never shown as absent.
 * Inventory records hold no key material, so neither does the document.
 */
final class WorkspaceDocuments {

	private WorkspaceDocuments() {
	}

	static Map<String, Object> of(Workspace workspace, TenantSnapshot snapshot) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("workspace", workspaceFields(workspace));
		document.put("computes", readable(null, workspace.computes()));
		document.put("onlineEndpoints", readable(null, workspace.onlineEndpoints()));
		document.put("keyVault", linked(workspace.keyVaultId(), snapshot.vault(workspace.keyVaultId())));
		document.put("customerManagedKey", cmk(workspace, snapshot));
		document.put("storageAccount",
				linked(workspace.storageAccountId(), snapshot.storageAccount(workspace.storageAccountId())));
		document.put("containerRegistry",
				linked(workspace.containerRegistryId(), snapshot.registry(workspace.containerRegistryId())));
		document.put("applicationInsights", linked(workspace.applicationInsightsId(),
				snapshot.monitoringResource(workspace.applicationInsightsId())));
		Map<String, Object> diagnostics = new LinkedHashMap<>();
		for (String id : resourceIds(workspace)) {
			ReadResult<List<DiagnosticSetting>> settings = snapshot.diagnosticSettings(id);
			Map<String, Object> entry = readable(id, settings);
			if (settings.isPresent()) {
				entry.put("count", settings.value().size());
				entry.put("logsEnabled", settings.value()
					.stream()
					.anyMatch((s) -> s.hasDestination() && s.logs().stream().anyMatch(DiagnosticSetting.Log::enabled)));
			}
			diagnostics.put(id, entry);
		}
		document.put("diagnosticSettings", diagnostics);
		document.put("readFailures", failures(workspace, snapshot));
		return document;
	}

	private static Map<String, Object> workspaceFields(Workspace w) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", w.id());
		fields.put("name", w.name());
		fields.put("subscriptionId", w.subscriptionId());
		fields.put("resourceGroup", w.resourceGroup());
		fields.put("location", w.location());
		fields.put("kind", w.kind());
		fields.put("sku", w.sku());
		fields.put("tags", w.tags());
		fields.put("identity", w.identity());
		fields.put("hubResourceId", w.hubResourceId());
		fields.put("associatedWorkspaces", w.associatedWorkspaces());
		fields.put("keyVaultId", w.keyVaultId());
		fields.put("storageAccountId", w.storageAccountId());
		fields.put("containerRegistryId", w.containerRegistryId());
		fields.put("applicationInsightsId", w.applicationInsightsId());
		fields.put("encryption", w.encryption());
		fields.put("hbiWorkspace", w.hbiWorkspace());
		fields.put("publicNetworkAccess", w.publicNetworkAccess());
		fields.put("allowPublicAccessWhenBehindVnet", w.allowPublicAccessWhenBehindVnet());
		fields.put("managedNetwork", w.managedNetwork());
		fields.put("privateEndpointConnections", w.privateEndpointConnections());
		fields.put("systemDatastoresAuthMode", w.systemDatastoresAuthMode());
		fields.put("enableServiceSideCmkEncryption", w.enableServiceSideCmkEncryption());
		fields.put("enableDataIsolation", w.enableDataIsolation());
		fields.put("v1LegacyMode", w.v1LegacyMode());
		fields.put("primaryUserAssignedIdentity", w.primaryUserAssignedIdentity());
		fields.put("provisioningState", w.provisioningState());
		return fields;
	}

	/**
	 * The CMK: the vault {@code keyVaultArmId} names, the key the identifier points at
	 * (attributes, rotation policy, current version), and whether the workspace uses the
	 * current version.
	 */
	private static Map<String, Object> cmk(Workspace workspace, TenantSnapshot snapshot) {
		WorkspaceEncryption encryption = workspace.encryption();
		if (encryption == null) {
			return null;
		}
		Map<String, Object> cmk = new LinkedHashMap<>();
		cmk.put("status", encryption.status());
		cmk.put("keyIdentifier", encryption.keyIdentifier());
		cmk.put("keyVersionInUse", encryption.keyVersion());
		ReadResult<KeyVault> vault = snapshot.vault(encryption.keyVaultArmId());
		cmk.put("vault", linked(encryption.keyVaultArmId(), vault));
		if (vault.isPresent()) {
			cmk.put("keyInVault", KeyUrls.vaultUrl(encryption.keyIdentifier()) != null
					&& KeyUrls.vaultUrl(encryption.keyIdentifier()).equals(KeyUrls.vaultUrl(vault.value().vaultUri())));
		}
		ReadResult<VaultKey> key = keyOf(encryption, vault, snapshot);
		Map<String, Object> keyEntry = readable(null, key);
		if (key.isPresent()) {
			keyEntry.put("currentVersion", key.value().currentVersion());
			keyEntry.put("usesCurrentVersion", encryption.keyVersion() == null
					|| encryption.keyVersion().equalsIgnoreCase(key.value().currentVersion()));
		}
		cmk.put("key", keyEntry);
		return cmk;
	}

	private static ReadResult<VaultKey> keyOf(WorkspaceEncryption encryption, ReadResult<KeyVault> vault,
			TenantSnapshot snapshot) {
		ReadResult<VaultKey> key = snapshot.keyByIdentifier(encryption.keyIdentifier());
		if (key.isPresent() || key.state() == ReadResult.State.UNREADABLE) {
			return key;
		}
		if (vault.state() == ReadResult.State.UNREADABLE) {
			return ReadResult.unreadable(vault.failure());
		}
		String name = encryption.keyName();
		if (vault.isPresent() && name != null) {
			ReadResult<VaultKey> byArm = snapshot.key(vault.value().id() + "/keys/" + name);
			if (byArm.state() != ReadResult.State.ABSENT) {
				return byArm;
			}
			List<ReadFailure> vaultFailures = snapshot.failuresFor(vault.value().id());
			if (!vaultFailures.isEmpty()) {
				return ReadResult.unreadable(vaultFailures.get(0));
			}
		}
		return key;
	}

	private static List<String> resourceIds(Workspace workspace) {
		List<String> ids = new ArrayList<>();
		ids.add(workspace.id());
		ids.addAll(workspace.linkedResourceIds());
		return ids;
	}

	/**
	 * The read failures of the workspace, its children and its linked resources (exact
	 * lookups in the snapshot's failure index, so a large failed scan stays cheap).
	 */
	private static List<ReadFailure> failures(Workspace workspace, TenantSnapshot snapshot) {
		List<String> ids = new ArrayList<>(
				List.of(workspace.id(), workspace.id() + "/computes", workspace.id() + "/onlineEndpoints"));
		ids.addAll(workspace.linkedResourceIds());
		WorkspaceEncryption encryption = workspace.encryption();
		if (encryption != null && encryption.keyVaultArmId() != null && encryption.keyName() != null) {
			ids.add(encryption.keyVaultArmId() + "/keys/" + encryption.keyName());
		}
		List<ReadFailure> failures = new ArrayList<>();
		for (String id : ids) {
			failures.addAll(snapshot.failuresFor(id));
		}
		return failures;
	}

	private static Map<String, Object> linked(String id, ReadResult<?> value) {
		return (id != null) ? readable(id, value) : null;
	}

	private static Map<String, Object> readable(String id, ReadResult<?> value) {
		Map<String, Object> entry = new LinkedHashMap<>();
		if (id != null) {
			entry.put("id", id);
		}
		entry.put("state", value.state().name());
		if (value.isPresent()) {
			entry.put("value", value.value());
		}
		if (value.failure() != null) {
			entry.put("failure", value.failure());
		}
		return entry;
	}

}
