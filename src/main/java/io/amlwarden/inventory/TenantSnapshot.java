package io.amlwarden.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The immutable inventory of a scope at one point in time. Every lookup takes an ARM id
 * in any case. A lookup of a linked resource answers {@link ReadResult.State#UNREADABLE}
 * when its read failed, and {@link ReadResult.State#ABSENT} when it was read and does not
 * exist.
 * <p>
 * A snapshot is {@linkplain #partial() partial} when the collector stopped early (request
 * budget) or when any read failed; consumers must not treat what is missing from a
 * partial snapshot as deleted.
 */
public final class TenantSnapshot {

	private final InventoryScope scope;

	private final Instant collectedAt;

	private final List<Workspace> workspaces;

	private final List<KeyVault> vaults;

	private final List<VaultKey> keys;

	private final List<StorageAccount> storageAccounts;

	private final List<ContainerRegistry> registries;

	private final List<MonitoringResource> monitoringResources;

	private final Map<String, ReadResult<List<DiagnosticSetting>>> diagnosticSettings;

	private final List<RoleAssignment> roleAssignments;

	private final List<RoleDefinition> roleDefinitions;

	private final List<DefenderPricing> defenderPricings;

	private final Map<String, Principal> principals;

	private final List<ReadFailure> readFailures;

	private final boolean budgetExhausted;

	private final Set<String> workspacesListed;

	private final CollectionStats stats;

	private final Map<String, Workspace> workspacesById;

	private final Map<String, KeyVault> vaultsById;

	private final Map<String, KeyVault> vaultsByUri;

	private final Map<String, VaultKey> keysById;

	private final Map<String, StorageAccount> storageById;

	private final Map<String, ContainerRegistry> registriesById;

	private final Map<String, MonitoringResource> monitoringById;

	private final Map<String, RoleDefinition> roleDefinitionsByGuid;

	private final Map<String, List<ReadFailure>> failuresById;

	private final Map<String, List<RoleAssignment>> assignmentsByScope;

	private TenantSnapshot(Builder builder) {
		this.scope = Objects.requireNonNull(builder.scope, "scope");
		this.collectedAt = Objects.requireNonNull(builder.collectedAt, "collectedAt");
		this.workspaces = List.copyOf(builder.workspaces);
		this.vaults = List.copyOf(builder.vaults);
		this.keys = List.copyOf(builder.keys);
		this.storageAccounts = List.copyOf(builder.storageAccounts);
		this.registries = List.copyOf(builder.registries);
		this.monitoringResources = List.copyOf(builder.monitoringResources);
		Map<String, ReadResult<List<DiagnosticSetting>>> diagnostics = new HashMap<>();
		builder.diagnosticSettings.forEach((id, value) -> diagnostics.put(ArmIds.key(id), value));
		this.diagnosticSettings = Map.copyOf(diagnostics);
		this.roleAssignments = List.copyOf(builder.roleAssignments);
		this.roleDefinitions = List.copyOf(builder.roleDefinitions);
		this.defenderPricings = List.copyOf(builder.defenderPricings);
		Map<String, Principal> principalsById = new HashMap<>();
		builder.principals.forEach((p) -> principalsById.put(p.id().toLowerCase(java.util.Locale.ROOT), p));
		this.principals = Map.copyOf(principalsById);
		this.readFailures = List.copyOf(builder.readFailures);
		this.budgetExhausted = builder.budgetExhausted;
		this.workspacesListed = builder.workspacesListed.stream()
			.map((s) -> s.toLowerCase(java.util.Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.stats = (builder.stats != null) ? builder.stats : CollectionStats.EMPTY;
		this.workspacesById = index(this.workspaces, Workspace::id);
		this.vaultsById = index(this.vaults, KeyVault::id);
		this.vaultsByUri = new HashMap<>();
		for (KeyVault vault : this.vaults) {
			String url = KeyUrls.vaultUrl(vault.vaultUri());
			if (url != null) {
				this.vaultsByUri.put(url, vault);
			}
		}
		this.keysById = index(this.keys, VaultKey::id);
		this.storageById = index(this.storageAccounts, StorageAccount::id);
		this.registriesById = index(this.registries, ContainerRegistry::id);
		this.monitoringById = index(this.monitoringResources, MonitoringResource::id);
		this.roleDefinitionsByGuid = new HashMap<>();
		for (RoleDefinition definition : this.roleDefinitions) {
			this.roleDefinitionsByGuid.putIfAbsent(definition.guid(), definition);
		}
		this.assignmentsByScope = this.roleAssignments.stream()
			.filter((a) -> "/".equals(a.scope()) || ArmIds.key(a.scope()) != null)
			.collect(Collectors.groupingBy((a) -> "/".equals(a.scope()) ? "/" : ArmIds.key(a.scope())));
		this.failuresById = this.readFailures.stream()
			.filter((f) -> ArmIds.key(f.resourceId()) != null)
			.collect(Collectors.groupingBy((f) -> ArmIds.key(f.resourceId())));
	}

	private static <T> Map<String, T> index(Collection<T> items, Function<T, String> id) {
		Map<String, T> map = new HashMap<>();
		for (T item : items) {
			map.putIfAbsent(ArmIds.key(id.apply(item)), item);
		}
		return map;
	}

	public static Builder builder(InventoryScope scope, Instant collectedAt) {
		return new Builder(scope, collectedAt);
	}

	public InventoryScope scope() {
		return this.scope;
	}

	public Instant collectedAt() {
		return this.collectedAt;
	}

	public List<Workspace> workspaces() {
		return this.workspaces;
	}

	public List<KeyVault> vaults() {
		return this.vaults;
	}

	public List<VaultKey> keys() {
		return this.keys;
	}

	public List<StorageAccount> storageAccounts() {
		return this.storageAccounts;
	}

	public List<ContainerRegistry> registries() {
		return this.registries;
	}

	public List<MonitoringResource> monitoringResources() {
		return this.monitoringResources;
	}

	public List<RoleAssignment> roleAssignments() {
		return this.roleAssignments;
	}

	public List<RoleDefinition> roleDefinitions() {
		return this.roleDefinitions;
	}

	public List<DefenderPricing> defenderPricings() {
		return this.defenderPricings;
	}

	public Collection<Principal> principals() {
		return this.principals.values();
	}

	public List<ReadFailure> readFailures() {
		return this.readFailures;
	}

	/**
	 * Whether the collector stopped early because the scan's request budget ran out.
	 */
	public boolean budgetExhausted() {
		return this.budgetExhausted;
	}

	/**
	 * Whether the workspaces of a subscription were listed completely (every page, within
	 * the scope). Only then does a workspace missing from {@link #workspaces()} mean that
	 * it no longer exists; otherwise its absence says nothing.
	 * @param subscriptionId a subscription of the scope, in any case
	 * @return whether the listing completed
	 */
	public boolean workspacesListed(String subscriptionId) {
		return subscriptionId != null
				&& this.workspacesListed.contains(subscriptionId.toLowerCase(java.util.Locale.ROOT));
	}

	/**
	 * Whether anything is missing: the budget ran out or some read failed.
	 */
	public boolean partial() {
		return this.budgetExhausted || !this.readFailures.isEmpty();
	}

	public CollectionStats stats() {
		return this.stats;
	}

	public ReadResult<Workspace> workspace(String id) {
		return lookup(id, this.workspacesById);
	}

	public ReadResult<KeyVault> vault(String id) {
		return lookup(id, this.vaultsById);
	}

	/**
	 * The vault serving a data-plane URL (a vault URI or a key identifier), if in the
	 * snapshot.
	 */
	public ReadResult<KeyVault> vaultByUrl(String url) {
		KeyVault vault = this.vaultsByUri.get(KeyUrls.vaultUrl(url));
		return (vault != null) ? ReadResult.present(vault) : ReadResult.absent();
	}

	public ReadResult<VaultKey> key(String id) {
		return lookup(id, this.keysById);
	}

	/**
	 * The key a workspace or storage account points at through a key identifier
	 * ({@code https://<vault>/keys/<name>[/<version>]}). Unreadable when the vault's keys
	 * could not be read.
	 */
	public ReadResult<VaultKey> keyByIdentifier(String keyIdentifier) {
		ReadResult<KeyVault> vault = vaultByUrl(keyIdentifier);
		String name = KeyUrls.name(keyIdentifier);
		if (!vault.isPresent() || name == null) {
			return ReadResult.absent();
		}
		String keyId = vault.value().id() + "/keys/" + name;
		ReadResult<VaultKey> key = lookup(keyId, this.keysById);
		if (key.isPresent()) {
			return key;
		}
		List<ReadFailure> vaultFailures = this.failuresById.getOrDefault(ArmIds.key(vault.value().id()), List.of());
		return vaultFailures.isEmpty() ? key : ReadResult.unreadable(vaultFailures.get(0));
	}

	public List<VaultKey> keysOf(String vaultId) {
		String key = ArmIds.key(vaultId);
		return this.keys.stream().filter((k) -> key != null && key.equals(ArmIds.key(k.vaultId()))).toList();
	}

	public ReadResult<StorageAccount> storageAccount(String id) {
		return lookup(id, this.storageById);
	}

	public ReadResult<ContainerRegistry> registry(String id) {
		return lookup(id, this.registriesById);
	}

	public ReadResult<MonitoringResource> monitoringResource(String id) {
		return lookup(id, this.monitoringById);
	}

	/**
	 * The diagnostic settings of a resource: present (possibly empty) when read,
	 * unreadable when the read failed, not collected when the collector did not ask.
	 */
	public ReadResult<List<DiagnosticSetting>> diagnosticSettings(String resourceId) {
		ReadResult<List<DiagnosticSetting>> value = this.diagnosticSettings.get(ArmIds.key(resourceId));
		return (value != null) ? value : ReadResult.notCollected();
	}

	/**
	 * Role assignments whose scope is the resource itself or one of its ancestors
	 * (resource group, subscription, management group).
	 */
	public List<RoleAssignment> roleAssignmentsAffecting(String resourceId) {
		String key = ArmIds.key(resourceId);
		if (key == null) {
			return List.of();
		}
		// Walk up the id (resource, resource group, subscription) and look each scope
		// up: linear in the id's depth, not in the number of assignments.
		// Outermost scope first.
		List<String> scopes = new ArrayList<>();
		for (int end = key.length(); end > 0; end = key.lastIndexOf('/', end - 1)) {
			scopes.add(0, key.substring(0, end));
		}
		List<RoleAssignment> affecting = new ArrayList<>(this.assignmentsByScope.getOrDefault("/", List.of()));
		for (String scope : scopes) {
			affecting.addAll(this.assignmentsByScope.getOrDefault(scope, List.of()));
		}
		return affecting;
	}

	/**
	 * The role definition by id or GUID; built-in definitions match by GUID whatever the
	 * prefix.
	 */
	public ReadResult<RoleDefinition> roleDefinition(String idOrGuid) {
		RoleDefinition definition = this.roleDefinitionsByGuid.get(ArmIds.roleDefinitionGuid(idOrGuid));
		return (definition != null) ? ReadResult.present(definition) : ReadResult.absent();
	}

	public List<DefenderPricing> defenderPricings(String subscriptionId) {
		return this.defenderPricings.stream()
			.filter((p) -> p.subscriptionId().equalsIgnoreCase(subscriptionId))
			.toList();
	}

	/**
	 * A principal resolved through Microsoft Graph; not collected when resolution was
	 * off.
	 */
	public ReadResult<Principal> principal(String objectId) {
		if (objectId == null) {
			return ReadResult.absent();
		}
		Principal principal = this.principals.get(objectId.toLowerCase(java.util.Locale.ROOT));
		return (principal != null) ? ReadResult.present(principal) : ReadResult.notCollected();
	}

	/**
	 * Everything that could not be read about a resource.
	 */
	public List<ReadFailure> failuresFor(String resourceId) {
		return this.failuresById.getOrDefault(ArmIds.key(resourceId), List.of());
	}

	private <T> ReadResult<T> lookup(String id, Map<String, T> index) {
		String key = ArmIds.key(id);
		if (key == null) {
			return ReadResult.absent();
		}
		T value = index.get(key);
		if (value != null) {
			return ReadResult.present(value);
		}
		List<ReadFailure> failures = this.failuresById.get(key);
		return (failures != null) ? ReadResult.unreadable(failures.get(0)) : ReadResult.absent();
	}

	@Override
	public String toString() {
		return "TenantSnapshot[collectedAt=" + this.collectedAt + ", workspaces=" + this.workspaces.size() + ", vaults="
				+ this.vaults.size() + ", keys=" + this.keys.size() + ", readFailures=" + this.readFailures.size()
				+ ", budgetExhausted=" + this.budgetExhausted + "]";
	}

	/**
	 * Collects the parts of a snapshot; not thread-safe.
	 */
	public static final class Builder {

		private final InventoryScope scope;

		private final Instant collectedAt;

		private final List<Workspace> workspaces = new ArrayList<>();

		private final List<KeyVault> vaults = new ArrayList<>();

		private final List<VaultKey> keys = new ArrayList<>();

		private final List<StorageAccount> storageAccounts = new ArrayList<>();

		private final List<ContainerRegistry> registries = new ArrayList<>();

		private final List<MonitoringResource> monitoringResources = new ArrayList<>();

		private final Map<String, ReadResult<List<DiagnosticSetting>>> diagnosticSettings = new LinkedHashMap<>();

		private final List<RoleAssignment> roleAssignments = new ArrayList<>();

		private final List<RoleDefinition> roleDefinitions = new ArrayList<>();

		private final List<DefenderPricing> defenderPricings = new ArrayList<>();

		private final List<Principal> principals = new ArrayList<>();

		private final List<ReadFailure> readFailures = new ArrayList<>();

		private boolean budgetExhausted;

		private final Set<String> workspacesListed = new java.util.HashSet<>();

		private CollectionStats stats;

		private Builder(InventoryScope scope, Instant collectedAt) {
			this.scope = scope;
			this.collectedAt = collectedAt;
		}

		public Builder workspaces(Collection<Workspace> items) {
			this.workspaces.addAll(items);
			return this;
		}

		public Builder vaults(Collection<KeyVault> items) {
			this.vaults.addAll(items);
			return this;
		}

		public Builder keys(Collection<VaultKey> items) {
			this.keys.addAll(items);
			return this;
		}

		public Builder storageAccounts(Collection<StorageAccount> items) {
			this.storageAccounts.addAll(items);
			return this;
		}

		public Builder registries(Collection<ContainerRegistry> items) {
			this.registries.addAll(items);
			return this;
		}

		public Builder monitoringResources(Collection<MonitoringResource> items) {
			this.monitoringResources.addAll(items);
			return this;
		}

		public Builder diagnosticSettings(String resourceId, ReadResult<List<DiagnosticSetting>> settings) {
			this.diagnosticSettings.put(resourceId, settings);
			return this;
		}

		public Builder roleAssignments(Collection<RoleAssignment> items) {
			this.roleAssignments.addAll(items);
			return this;
		}

		public Builder roleDefinitions(Collection<RoleDefinition> items) {
			this.roleDefinitions.addAll(items);
			return this;
		}

		public Builder defenderPricings(Collection<DefenderPricing> items) {
			this.defenderPricings.addAll(items);
			return this;
		}

		public Builder principals(Collection<Principal> items) {
			this.principals.addAll(items);
			return this;
		}

		public Builder readFailures(Collection<ReadFailure> items) {
			this.readFailures.addAll(items);
			return this;
		}

		public Builder budgetExhausted(boolean exhausted) {
			this.budgetExhausted = exhausted;
			return this;
		}

		/**
		 * Records subscriptions whose workspaces were listed completely.
		 */
		public Builder workspacesListed(Collection<String> subscriptionIds) {
			this.workspacesListed.addAll(subscriptionIds);
			return this;
		}

		public Builder stats(CollectionStats collectionStats) {
			this.stats = collectionStats;
			return this;
		}

		public TenantSnapshot build() {
			return new TenantSnapshot(this);
		}

	}

}
