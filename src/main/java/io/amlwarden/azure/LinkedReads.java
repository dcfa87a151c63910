package io.amlwarden.azure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import com.azure.core.http.rest.PagedResponse;
import com.azure.resourcemanager.keyvault.fluent.models.KeyInner;
import com.azure.resourcemanager.monitor.fluent.models.DiagnosticSettingsResourceInner;
import io.amlwarden.azure.InventoryReads.LinkedRead;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.DiagnosticSetting;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;

import static io.amlwarden.azure.SubscriptionTasks.withPermit;

/**
 * The ARM reads that follow the bulk pass, per resource: linked resources the bulk pass
 * did not return, role definitions where Graph did not supply them, the keys (with their
 * versions and rotation policies) of every vault holding a customer-managed key, and
 * diagnostic settings. Keys are read through ARM {@code vaults/keys}, so that vaults with
 * public access disabled still evaluate. Each resource is read once per collection, even
 * when both {@link #startWorkspaceDetails} and {@link #rest} would ask for it.
 */
final class LinkedReads {

	private final AzureClients clients;

	private final ArmFallback arm;

	private final SubscriptionTasks tasks;

	LinkedReads(AzureClients clients, ArmFallback arm, SubscriptionTasks tasks) {
		this.clients = clients;
		this.arm = arm;
		this.tasks = tasks;
	}

	/**
	 * Starts, in the background, the ARM reads that need nothing but the workspaces: each
	 * workspace's diagnostic settings and the keys of its CMK vault. {@link #rest} skips
	 * what this reads.
	 */
	Future<?> startWorkspaceDetails(CollectionRun run) {
		AzureProperties.Collect collect = this.clients.properties().collect();
		Map<String, List<Runnable>> tasks = new LinkedHashMap<>();
		for (Workspace workspace : List.copyOf(run.workspaces.values())) {
			String vaultId = (workspace.encryption() != null) ? workspace.encryption().keyVaultArmId() : null;
			String vaultSubscription = (vaultId != null) ? ArmIds.subscriptionOf(vaultId) : null;
			if (vaultSubscription != null && run.keysRequested.add(ArmIds.key(vaultId))) {
				tasks.computeIfAbsent(vaultSubscription, (s) -> new ArrayList<>())
					.add(() -> readKeys(run, vaultId, collect.keyVersions()));
			}
			String subscription = ArmIds.subscriptionOf(workspace.id());
			if (collect.diagnosticSettings() && subscription != null
					&& run.diagnosticsRequested.add(ArmIds.key(workspace.id()))) {
				tasks.computeIfAbsent(subscription, (s) -> new ArrayList<>())
					.add(() -> readDiagnosticSettings(run, workspace.id()));
			}
		}
		return this.tasks.start("azure-workspace-details", tasks.keySet(), tasks::get);
	}

	/**
	 * Reads linked resources that the bulk pass did not return: they live in a
	 * subscription outside the scope, were deleted (404), or the collector may not read
	 * them (403).
	 */
	void missingLinked(CollectionRun run) {
		Map<String, List<Runnable>> tasks = new LinkedHashMap<>();
		for (String id : run.linkedIds()) {
			if (run.isKnown(id)) {
				continue;
			}
			LinkedRead<?> read = InventoryReads.linkedOf(id);
			String subscription = ArmIds.subscriptionOf(id);
			if (read == null || subscription == null) {
				continue;
			}
			tasks.computeIfAbsent(subscription, (s) -> new ArrayList<>())
				.add(() -> this.arm.readLinked(run, subscription, id, read));
		}
		this.tasks.run(tasks.keySet(), tasks::get);
	}

	/**
	 * The remaining per-resource reads: role definitions, CMK vault keys and diagnostic
	 * settings not yet asked for.
	 */
	void rest(CollectionRun run) {
		AzureProperties.Collect collect = this.clients.properties().collect();
		Map<String, List<Runnable>> tasks = new LinkedHashMap<>();
		// Role definitions come with the role assignments from Resource Graph; list them
		// through ARM only where Graph was not used, or returned no built-in roles.
		boolean builtInsFromGraph = run.roleDefinitions.values().stream().anyMatch((d) -> !d.isCustom());
		for (String subscription : run.scope.subscriptionIds()) {
			if (builtInsFromGraph && run.authorizationFromGraph.contains(subscription.toLowerCase(Locale.ROOT))) {
				continue;
			}
			tasks.computeIfAbsent(subscription.toLowerCase(Locale.ROOT), (s) -> new ArrayList<>())
				.add(() -> this.arm.list(run, subscription, InventoryReads.ROLE_DEFINITIONS,
						run::acceptRoleDefinition));
		}
		for (String vaultId : run.cmkVaultIds()) {
			if (!run.keysRequested.add(ArmIds.key(vaultId))) {
				continue;
			}
			String subscription = ArmIds.subscriptionOf(vaultId);
			tasks.computeIfAbsent(subscription, (s) -> new ArrayList<>())
				.add(() -> readKeys(run, vaultId, collect.keyVersions()));
		}
		if (collect.diagnosticSettings()) {
			for (String resourceId : run.diagnosticTargets()) {
				if (!run.diagnosticsRequested.add(ArmIds.key(resourceId))) {
					continue;
				}
				String subscription = ArmIds.subscriptionOf(resourceId);
				tasks.computeIfAbsent(subscription, (s) -> new ArrayList<>())
					.add(() -> readDiagnosticSettings(run, resourceId));
			}
		}
		this.tasks.run(tasks.keySet(), tasks::get);
	}

	private void readKeys(CollectionRun run, String vaultId, boolean withVersions) {
		String subscription = ArmIds.subscriptionOf(vaultId);
		Semaphore vaultPermits = run.vaultPermits.computeIfAbsent(ArmIds.key(vaultId),
				(v) -> this.tasks.vaultPermits());
		String resourceGroup = resourceGroupAsGiven(vaultId);
		String vaultName = ArmIds.nameOf(vaultId);
		List<KeyInner> keys = new ArrayList<>();
		boolean listed = run.read(subscription, vaultId, "keys", () -> withPermit(vaultPermits, () -> {
			var pages = this.clients.keyVaultManager(subscription)
				.serviceClient()
				.getKeys()
				.list(resourceGroup, vaultName, run.context)
				.iterableByPage();
			boolean first = true;
			for (PagedResponse<KeyInner> page : pages) {
				if (!first) {
					run.guard(subscription);
				}
				first = false;
				keys.addAll(page.getValue());
			}
		}));
		if (!listed) {
			return;
		}
		for (KeyInner key : keys) {
			ReadResult<List<VaultKey.KeyVersion>> versions = ReadResult.notCollected();
			if (withVersions) {
				List<VaultKey.KeyVersion> found = new ArrayList<>();
				String keyId = vaultId + "/keys/" + key.name();
				boolean read = run.read(subscription, keyId, "keyVersions",
						() -> withPermit(vaultPermits,
								() -> this.clients.keyVaultManager(subscription)
									.serviceClient()
									.getKeys()
									.listVersions(resourceGroup, vaultName, key.name(), run.context)
									.forEach((version) -> found.add(InventoryMapper.keyVersion(version)))));
				versions = read ? ReadResult.present(List.copyOf(found))
						: ReadResult.unreadable(run.lastFailure(keyId, "keyVersions"));
			}
			VaultKey mapped = InventoryMapper.key(vaultId, key, versions);
			run.keys.put(ArmIds.key(mapped.id()), mapped);
		}
	}

	private void readDiagnosticSettings(CollectionRun run, String resourceId) {
		String subscription = ArmIds.subscriptionOf(resourceId);
		List<DiagnosticSetting> settings = new ArrayList<>();
		boolean read = run.read(subscription, resourceId, "diagnosticSettings", () -> {
			for (DiagnosticSettingsResourceInner setting : this.clients.monitorManager(subscription)
				.serviceClient()
				.getDiagnosticSettingsOperations()
				.list(resourceId, run.context)) {
				settings.add(InventoryMapper.diagnosticSetting(resourceId, setting));
			}
		});
		run.diagnostics.put(ArmIds.key(resourceId), read ? ReadResult.present(List.copyOf(settings))
				: ReadResult.unreadable(run.lastFailure(resourceId, "diagnosticSettings")));
	}

	/**
	 * The resource group segment of an id as given: the SDK puts it in the URL, and the
	 * ARM is case-insensitive, but keeping the original spelling keeps logs recognisable.
	 */
	private static String resourceGroupAsGiven(String id) {
		String[] parts = id.split("/");
		for (int i = 0; i < parts.length - 1; i++) {
			if (parts[i].equalsIgnoreCase("resourceGroups")) {
				return parts[i + 1];
			}
		}
		return null;
	}

}
