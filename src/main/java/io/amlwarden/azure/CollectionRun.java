package io.amlwarden.azure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

import com.azure.core.util.Context;
import io.amlwarden.azure.InventoryReads.LinkedRead;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.DefenderPricing;
import io.amlwarden.inventory.DiagnosticSetting;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.KeyUrls;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.OnlineEndpoint;
import io.amlwarden.inventory.Principal;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.RoleDefinition;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;

/**
 * The mutable state of one collection: what has been read so far, what failed, and what
 * has been asked for. Every phase of {@link InventoryCollector} writes here concurrently;
 * {@link SnapshotAssembly} turns it into the snapshot.
 */
final class CollectionRun {

	final InventoryScope scope;

	final ScanMeter meter;

	final Context context;

	final Instant startedAt = Instant.now();

	final Map<String, Workspace> workspaces = new ConcurrentHashMap<>();

	final Map<String, List<Compute>> computes = new ConcurrentHashMap<>();

	final Map<String, List<OnlineEndpoint>> endpoints = new ConcurrentHashMap<>();

	/** Linked resources by type, each by lower-cased id. */
	final Map<LinkedRead<?>, Map<String, Object>> linked = new ConcurrentHashMap<>();

	final Set<String> childrenFromGraph = ConcurrentHashMap.newKeySet();

	final Set<String> workspacesListed = ConcurrentHashMap.newKeySet();

	/**
	 * Subscriptions whose Resource Graph listing succeeded. Graph silently leaves out
	 * subscriptions the identity cannot read, so such a listing only counts as complete
	 * for subscriptions Graph returned at least one row for.
	 */
	final Set<String> listedByGraph = ConcurrentHashMap.newKeySet();

	final Set<String> seenSubscriptions = ConcurrentHashMap.newKeySet();

	final Set<String> authorizationFromGraph = ConcurrentHashMap.newKeySet();

	final Map<String, Boolean> childrenRead = new ConcurrentHashMap<>();

	final Map<String, Boolean> childFailures = new ConcurrentHashMap<>();

	final Map<String, VaultKey> keys = new ConcurrentHashMap<>();

	final Map<String, ReadResult<List<DiagnosticSetting>>> diagnostics = new ConcurrentHashMap<>();

	final Map<String, RoleAssignment> roleAssignments = new ConcurrentHashMap<>();

	final Map<String, RoleDefinition> roleDefinitions = new ConcurrentHashMap<>();

	final Map<String, DefenderPricing> pricings = new ConcurrentHashMap<>();

	final Collection<Principal> principals = new ConcurrentLinkedQueue<>();

	final Collection<ReadFailure> failures = new ConcurrentLinkedQueue<>();

	final Map<String, Semaphore> vaultPermits = new ConcurrentHashMap<>();

	/** Vaults (lower-cased ids) whose keys have been read or are being read. */
	final Set<String> keysRequested = ConcurrentHashMap.newKeySet();

	/**
	 * Resources (lower-cased ids) whose diagnostic settings have been read or are being
	 * read.
	 */
	final Set<String> diagnosticsRequested = ConcurrentHashMap.newKeySet();

	CollectionRun(InventoryScope scope, ScanMeter meter) {
		this.scope = scope;
		this.meter = meter;
		this.context = new Context(ScanMeter.CONTEXT_KEY, meter);
	}

	private void seen(String id) {
		String subscription = ArmIds.subscriptionOf(id);
		if (subscription != null) {
			this.seenSubscriptions.add(subscription);
		}
	}

	void acceptResource(Map<String, Object> row) {
		String type = InventoryMapper.type(row);
		String id = Json.str(row, "id");
		if (id == null) {
			return;
		}
		seen(id);
		String key = ArmIds.key(id);
		switch (type) {
			case InventoryMapper.WORKSPACE -> {
				if (this.scope.includesWorkspace(id)) {
					this.workspaces.put(key, InventoryMapper.workspace(row));
				}
			}
			case InventoryMapper.COMPUTE -> {
				Compute compute = InventoryMapper.compute(row);
				this.computes.computeIfAbsent(ArmIds.key(compute.workspaceId()), (w) -> new Vector<>()).add(compute);
			}
			case InventoryMapper.ONLINE_ENDPOINT -> {
				OnlineEndpoint endpoint = InventoryMapper.onlineEndpoint(row);
				this.endpoints.computeIfAbsent(ArmIds.key(endpoint.workspaceId()), (w) -> new Vector<>()).add(endpoint);
			}
			default -> {
				LinkedRead<?> read = InventoryReads.linked(type);
				if (read != null) {
					this.linked.computeIfAbsent(read, (r) -> new ConcurrentHashMap<>())
						.put(key, read.mapper().apply(row));
				}
			}
		}
	}

	void acceptRoleAssignment(Map<String, Object> row) {
		if (InventoryMapper.ROLE_DEFINITION.equals(InventoryMapper.type(row))) {
			acceptRoleDefinition(row);
			return;
		}
		RoleAssignment assignment = InventoryMapper.roleAssignment(row);
		seen(assignment.id());
		if (assignment.id() != null) {
			this.roleAssignments.put(ArmIds.key(assignment.id()), assignment);
		}
	}

	void acceptRoleDefinition(Map<String, Object> row) {
		RoleDefinition definition = InventoryMapper.roleDefinition(row);
		if (definition.guid() != null) {
			this.roleDefinitions.putIfAbsent(definition.guid(), definition);
		}
	}

	void acceptPricing(Map<String, Object> row) {
		DefenderPricing pricing = InventoryMapper.pricing(row);
		seen(pricing.id());
		if (pricing.id() != null) {
			this.pricings.put(ArmIds.key(pricing.id()), pricing);
		}
	}

	/**
	 * The linked resources of one type read so far, by lower-cased id.
	 */
	@SuppressWarnings("unchecked")
	<T> Map<String, T> linked(LinkedRead<T> read) {
		return (Map<String, T>) this.linked.getOrDefault(read, Map.of());
	}

	/**
	 * Budgets one ARM read (pacing happens per attempt in the pipeline).
	 * @throws AzureCallException with reason SKIPPED when the budget is spent
	 */
	void guard(String subscription) {
		if (!this.meter.tryReserve()) {
			throw AzureCallException.skipped("request budget exhausted");
		}
	}

	/**
	 * Runs one guarded read and records its failure, if any.
	 * @return whether it succeeded
	 */
	boolean read(String subscription, String resourceId, String what, Runnable action) {
		try {
			guard(subscription);
			action.run();
			return true;
		}
		catch (RuntimeException ex) {
			this.failures.add(AzureCallException.failure(resourceId, what, ex));
			return false;
		}
	}

	ReadFailure lastFailure(String resourceId, String what) {
		ReadFailure last = null;
		for (ReadFailure failure : this.failures) {
			if (what.equals(failure.what()) && ArmIds.same(resourceId, failure.resourceId())) {
				last = failure;
			}
		}
		return (last != null) ? last : new ReadFailure(resourceId, what, ReadFailure.Reason.ERROR, "unknown failure");
	}

	/**
	 * Resources the workspaces link to, and the vaults holding their storage accounts'
	 * keys.
	 */
	Set<String> linkedIds() {
		Set<String> ids = new LinkedHashSet<>();
		for (Workspace workspace : this.workspaces.values()) {
			ids.addAll(workspace.linkedResourceIds());
		}
		Map<String, KeyVault> byUrl = vaultsByUrl();
		for (StorageAccount account : linkedStorage()) {
			if (account.encryption() != null && account.encryption().usesCustomerManagedKey()) {
				KeyVault vault = vaultByUrl(byUrl, account.encryption().keyVaultUri());
				if (vault != null) {
					ids.add(vault.id());
				}
			}
		}
		return ids;
	}

	boolean isKnown(String id) {
		String key = ArmIds.key(id);
		return this.linked.values().stream().anyMatch((byId) -> byId.containsKey(key));
	}

	private List<StorageAccount> linkedStorage() {
		List<StorageAccount> accounts = new ArrayList<>();
		Map<String, StorageAccount> storage = linked(InventoryReads.STORAGE_ACCOUNTS);
		for (Workspace workspace : this.workspaces.values()) {
			StorageAccount account = storage.get(ArmIds.key(workspace.storageAccountId()));
			if (account != null) {
				accounts.add(account);
			}
		}
		return accounts;
	}

	/**
	 * Vaults by lower-cased base URL, built once per use: a lookup per storage account
	 * must not scan every vault.
	 */
	private Map<String, KeyVault> vaultsByUrl() {
		Map<String, KeyVault> index = new HashMap<>();
		for (KeyVault vault : linked(InventoryReads.KEY_VAULTS).values()) {
			String url = KeyUrls.vaultUrl(vault.vaultUri());
			if (url != null) {
				index.putIfAbsent(url, vault);
			}
		}
		return index;
	}

	private static KeyVault vaultByUrl(Map<String, KeyVault> index, String url) {
		String base = KeyUrls.vaultUrl(url);
		return (base != null) ? index.get(base) : null;
	}

	/**
	 * Vaults whose keys matter: those holding a workspace's or a linked storage account's
	 * CMK.
	 */
	Set<String> cmkVaultIds() {
		Map<String, String> ids = new LinkedHashMap<>();
		for (Workspace workspace : this.workspaces.values()) {
			if (workspace.encryption() != null && workspace.encryption().keyVaultArmId() != null) {
				ids.putIfAbsent(ArmIds.key(workspace.encryption().keyVaultArmId()),
						workspace.encryption().keyVaultArmId());
			}
		}
		Map<String, KeyVault> byUrl = vaultsByUrl();
		for (StorageAccount account : linkedStorage()) {
			if (account.encryption() != null && account.encryption().usesCustomerManagedKey()) {
				KeyVault vault = vaultByUrl(byUrl, account.encryption().keyVaultUri());
				if (vault != null) {
					ids.putIfAbsent(ArmIds.key(vault.id()), vault.id());
				}
			}
		}
		return new LinkedHashSet<>(ids.values());
	}

	/**
	 * Resources whose diagnostic settings posture checks evaluate: workspaces, and the
	 * linked resources of a type that says so (vaults, storage accounts, registries).
	 */
	Set<String> diagnosticTargets() {
		Map<String, String> ids = new LinkedHashMap<>();
		for (Workspace workspace : this.workspaces.values()) {
			ids.putIfAbsent(ArmIds.key(workspace.id()), workspace.id());
			for (String linkedId : new String[] { workspace.keyVaultId(),
					(workspace.encryption() != null) ? workspace.encryption().keyVaultArmId() : null,
					workspace.storageAccountId(), workspace.containerRegistryId() }) {
				String key = ArmIds.key(linkedId);
				// Only resources that exist: a 404 was already recorded for the others.
				if (key != null && readsDiagnosticsOf(key)) {
					ids.putIfAbsent(key, linkedId);
				}
			}
		}
		return new LinkedHashSet<>(ids.values());
	}

	private boolean readsDiagnosticsOf(String key) {
		return this.linked.entrySet()
			.stream()
			.anyMatch((entry) -> entry.getKey().diagnostics() && entry.getValue().containsKey(key));
	}

}
