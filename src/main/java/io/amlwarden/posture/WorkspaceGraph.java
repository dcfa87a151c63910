package io.amlwarden.posture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.inventory.DiagnosticSetting;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot seen as workspace systems: which workspaces each Key Vault, key, storage
 * account, registry and Application Insights component serves, which projects inherit
 * from which hub, and indexes the checks need (role assignments by scope, read failures
 * by resource). Built once per evaluation in time linear in the snapshot, so that checks
 * never scan the whole snapshot per workspace.
 * <p>
 * A workspace's dependencies are the resources it links to ({@code keyVault},
 * {@code encryption.keyVaultProperties.keyVaultArmId}, {@code storageAccount},
 * {@code containerRegistry}, {@code applicationInsights}), the key its encryption uses,
 * the vault and key of its storage account's customer-managed key, and, for a
 * {@code kind=Project} workspace, everything its hub depends on. A dependency that is
 * linked but missing from the snapshot is still listed, with the reason it could not be
 * read, so that checks report it as UNKNOWN instead of skipping it.
 */
public final class WorkspaceGraph {

	private static final String KEYS = "keys";

	private static final String SUBSCRIPTIONS_PREFIX = "/subscriptions/";

	private final TenantSnapshot snapshot;

	private final Map<String, Workspace> workspacesByKey = new LinkedHashMap<>();

	private final Map<String, List<Workspace>> projectsByHub = new HashMap<>();

	/** Every linked resource by lower-cased id; ids are unique across resource kinds. */
	private final Map<String, Link> links;

	private final Map<String, List<String>> workspacesBySubscription = new LinkedHashMap<>();

	private final List<Dependency<KeyVault>> vaults;

	private final List<Dependency<VaultKey>> keys;

	private final List<Dependency<StorageAccount>> storageAccounts;

	private final List<Dependency<ContainerRegistry>> registries;

	private final List<Dependency<MonitoringResource>> appInsights;

	private final List<Dependency<MonitoringResource>> logAnalytics;

	private final Map<String, List<RoleAssignment>> assignmentsByScope = new HashMap<>();

	private final List<RoleAssignment> assignmentsAboveSubscriptions = new ArrayList<>();

	private final Map<String, List<RoleAssignment>> assignmentsByPrincipal = new HashMap<>();

	private final Map<String, List<RoleAssignment>> assignmentsBySubscription = new HashMap<>();

	private final Set<String> subscriptions = new LinkedHashSet<>();

	private WorkspaceGraph(TenantSnapshot snapshot) {
		this.snapshot = snapshot;
		this.links = new HashMap<>(snapshot.workspaces().size() * 8);
		for (Workspace workspace : snapshot.workspaces()) {
			this.workspacesByKey.putIfAbsent(ArmIds.key(workspace.id()), workspace);
			this.workspacesBySubscription.computeIfAbsent(subscriptionOf(workspace.id()), (s) -> new ArrayList<>())
				.add(workspace.id());
		}
		indexHubs();
		for (Workspace workspace : this.workspacesByKey.values()) {
			for (Workspace source : systemOf(workspace)) {
				link(Kind.VAULT, source.keyVaultId(), workspace);
				if (source.encryption() != null) {
					link(Kind.VAULT, source.encryption().keyVaultArmId(), workspace);
					link(Kind.KEY, keyId(source.encryption().keyVaultArmId(), source.encryption().keyName()),
							workspace);
				}
				link(Kind.STORAGE, source.storageAccountId(), workspace);
				link(Kind.REGISTRY, source.containerRegistryId(), workspace);
				link(Kind.APP_INSIGHTS, source.applicationInsightsId(), workspace);
				linkLogAnalytics(source, workspace);
				StorageAccount account = snapshot.storageAccount(source.storageAccountId()).orElse(null);
				if (account != null && account.encryption() != null && account.encryption().usesCustomerManagedKey()) {
					KeyVault vault = snapshot.vaultByUrl(account.encryption().keyVaultUri()).orElse(null);
					if (vault != null) {
						link(Kind.VAULT, vault.id(), workspace);
						link(Kind.KEY, keyId(vault.id(), account.encryption().keyName()), workspace);
					}
				}
			}
		}
		this.vaults = dependencies(Kind.VAULT, snapshot.vaults(), KeyVault::id, snapshot::vault);
		this.keys = dependencies(Kind.KEY, snapshot.keys(), VaultKey::id, this::referencedKey);
		this.storageAccounts = dependencies(Kind.STORAGE, snapshot.storageAccounts(), StorageAccount::id,
				snapshot::storageAccount);
		this.registries = dependencies(Kind.REGISTRY, snapshot.registries(), ContainerRegistry::id, snapshot::registry);
		this.appInsights = dependencies(Kind.APP_INSIGHTS,
				snapshot.monitoringResources().stream().filter(MonitoringResource::isAppInsights).toList(),
				MonitoringResource::id, snapshot::monitoringResource);
		this.logAnalytics = dependencies(Kind.LOG_ANALYTICS,
				snapshot.monitoringResources().stream().filter((m) -> !m.isAppInsights()).toList(),
				MonitoringResource::id, snapshot::monitoringResource);
		for (RoleAssignment assignment : snapshot.roleAssignments()) {
			if (assignment.principalId() != null) {
				this.assignmentsByPrincipal
					.computeIfAbsent(assignment.principalId().toLowerCase(Locale.ROOT), (p) -> new ArrayList<>())
					.add(assignment);
			}
			String scope = ArmIds.key(assignment.scope());
			if (scope == null) {
				continue;
			}
			// The root scope "/" has an empty key.
			if (scope.isEmpty() || scope.equals("/")
					|| scope.startsWith("/providers/microsoft.management/managementgroups/")) {
				this.assignmentsAboveSubscriptions.add(assignment);
			}
			else {
				this.assignmentsByScope.computeIfAbsent(scope, (s) -> new ArrayList<>()).add(assignment);
				this.assignmentsBySubscription.computeIfAbsent(subscriptionOf(scope), (s) -> new ArrayList<>())
					.add(assignment);
			}
		}
		snapshot.scope().subscriptionIds().forEach((s) -> this.subscriptions.add(s.toLowerCase(Locale.ROOT)));
		this.subscriptions.addAll(this.workspacesBySubscription.keySet());
	}

	/**
	 * Builds the graph of a snapshot.
	 * @param snapshot the inventory
	 * @return its graph
	 */
	public static WorkspaceGraph of(TenantSnapshot snapshot) {
		return new WorkspaceGraph(snapshot);
	}

	public TenantSnapshot snapshot() {
		return this.snapshot;
	}

	/**
	 * The instant the checks treat as "now": when the snapshot was collected, so that an
	 * evaluation is repeatable.
	 * @return the collection time
	 */
	public Instant now() {
		return this.snapshot.collectedAt();
	}

	public List<Workspace> workspaces() {
		return this.snapshot.workspaces();
	}

	/**
	 * Whether a workspace is an AI Foundry project, which inherits its network,
	 * encryption and identity settings from its hub.
	 * @param workspace the workspace
	 * @return whether {@code kind} is {@code Project} (any case)
	 */
	public boolean isProject(Workspace workspace) {
		return workspace.isKind("project");
	}

	/**
	 * The hub of a project.
	 * @param project a project workspace
	 * @return the hub when it is in the snapshot, unreadable when its read failed, absent
	 * otherwise
	 */
	public ReadResult<Workspace> hubOf(Workspace project) {
		return this.snapshot.workspace(project.hubResourceId());
	}

	/**
	 * The projects that inherit from a hub (by their {@code hubResourceId} or the hub's
	 * {@code associatedWorkspaces}), in snapshot order.
	 * @param hub a workspace
	 * @return its projects in the snapshot, empty for other workspaces
	 */
	public List<Workspace> projectsOf(Workspace hub) {
		return this.projectsByHub.getOrDefault(ArmIds.key(hub.id()), List.of());
	}

	/**
	 * The workspaces whose system includes a resource.
	 * @param resourceId an ARM id in any case
	 * @return workspace ids as Azure returned them, empty when none links to it
	 */
	public List<String> workspacesOf(String resourceId) {
		Link link = this.links.get(ArmIds.key(resourceId));
		return (link != null) ? List.copyOf(link.workspaces) : List.of();
	}

	/**
	 * The workspaces of a subscription.
	 * @param subscriptionId a subscription id in any case
	 * @return their ids as Azure returned them
	 */
	public List<String> workspacesInSubscription(String subscriptionId) {
		return this.workspacesBySubscription.getOrDefault(subscriptionId.toLowerCase(Locale.ROOT), List.of());
	}

	/**
	 * The subscriptions to judge subscription-level controls on: those of the scan scope
	 * and those holding a workspace, lower-cased.
	 * @return the subscription ids
	 */
	public Set<String> subscriptions() {
		return Collections.unmodifiableSet(this.subscriptions);
	}

	/**
	 * Every Key Vault in the snapshot or linked from a workspace system.
	 * @return the vaults with the workspaces they serve
	 */
	public List<Dependency<KeyVault>> vaults() {
		return this.vaults;
	}

	/**
	 * Every key in the snapshot or used as a customer-managed key by a workspace system.
	 * @return the keys with the workspaces that use them
	 */
	public List<Dependency<VaultKey>> keys() {
		return this.keys;
	}

	public List<Dependency<StorageAccount>> storageAccounts() {
		return this.storageAccounts;
	}

	public List<Dependency<ContainerRegistry>> registries() {
		return this.registries;
	}

	public List<Dependency<MonitoringResource>> appInsights() {
		return this.appInsights;
	}

	/**
	 * Every Log Analytics workspace in the snapshot, or that a workspace system's
	 * Application Insights component or the workspace's own diagnostic settings write to.
	 * @return the Log Analytics workspaces with the workspaces whose telemetry they hold
	 */
	public List<Dependency<MonitoringResource>> logAnalytics() {
		return this.logAnalytics;
	}

	/**
	 * Role assignments whose scope is exactly the given one.
	 * @param scope an ARM id in any case
	 * @return the assignments
	 */
	public List<RoleAssignment> assignmentsAt(String scope) {
		return this.assignmentsByScope.getOrDefault(ArmIds.key(scope), List.of());
	}

	/**
	 * Role assignments at management-group or root scope. Which management groups hold a
	 * subscription is not in the snapshot, so these may or may not apply to it.
	 * @return the assignments
	 */
	public List<RoleAssignment> assignmentsAboveSubscriptions() {
		return List.copyOf(this.assignmentsAboveSubscriptions);
	}

	/**
	 * Every collected role assignment of a principal, at any scope.
	 * @param principalId an object id in any case
	 * @return the assignments
	 */
	public List<RoleAssignment> assignmentsOf(String principalId) {
		return this.assignmentsByPrincipal.getOrDefault(principalId.toLowerCase(Locale.ROOT), List.of());
	}

	/**
	 * Every collected role assignment whose scope is within a subscription (the
	 * subscription itself, its resource groups and resources).
	 * @param subscriptionId a subscription id in any case
	 * @return the assignments
	 */
	public List<RoleAssignment> assignmentsWithin(String subscriptionId) {
		return this.assignmentsBySubscription.getOrDefault(subscriptionId.toLowerCase(Locale.ROOT), List.of());
	}

	/**
	 * A read failure recorded for a resource (or a subscription-wide listing).
	 * @param resourceId the ARM id (or {@code /subscriptions/<id>}) in any case
	 * @param what what was being read, e.g. {@code keys}, {@code roleAssignments};
	 * {@code null} for any
	 * @return the first such failure
	 */
	public Optional<ReadFailure> failure(String resourceId, @Nullable String what) {
		return this.snapshot.failuresFor(resourceId)
			.stream()
			.filter((f) -> what == null || what.equalsIgnoreCase(f.what()))
			.findFirst();
	}

	/**
	 * The ARM id of a key in a vault.
	 * @param vaultId the vault's ARM id
	 * @param keyName the key name
	 * @return {@code <vaultId>/keys/<name>}, or {@code null} when either is missing
	 */
	public static @Nullable String keyId(@Nullable String vaultId, @Nullable String keyName) {
		if (ArmIds.key(vaultId) == null || keyName == null || keyName.isBlank()) {
			return null;
		}
		String base = vaultId.endsWith("/") ? vaultId.substring(0, vaultId.length() - 1) : vaultId;
		return base + "/keys/" + keyName;
	}

	/**
	 * The lower-cased subscription of an ARM id, or an empty string when it has none
	 * (e.g. a management group scope).
	 * @param id an ARM id
	 * @return the subscription id
	 */
	public static String subscriptionOf(@Nullable String id) {
		if (id == null) {
			return "";
		}
		// Fast path for the usual "/subscriptions/<id>/..." shape: this runs once per
		// result.
		if (id.regionMatches(true, 0, SUBSCRIPTIONS_PREFIX, 0, SUBSCRIPTIONS_PREFIX.length())) {
			int end = id.indexOf('/', SUBSCRIPTIONS_PREFIX.length());
			String subscription = (end < 0) ? id.substring(SUBSCRIPTIONS_PREFIX.length())
					: id.substring(SUBSCRIPTIONS_PREFIX.length(), end);
			return subscription.toLowerCase(Locale.ROOT);
		}
		String subscription = ArmIds.subscriptionOf(id);
		return (subscription != null) ? subscription : "";
	}

	private ReadResult<VaultKey> referencedKey(String keyId) {
		ReadResult<VaultKey> key = this.snapshot.key(keyId);
		if (key.state() != ReadResult.State.ABSENT) {
			return key;
		}
		String vaultId = keyId.substring(0, keyId.toLowerCase(Locale.ROOT).lastIndexOf("/keys/"));
		ReadResult<KeyVault> vault = this.snapshot.vault(vaultId);
		if (vault.state() == ReadResult.State.UNREADABLE) {
			return ReadResult.unreadable(vault.failure());
		}
		Optional<ReadFailure> listing = failure(vaultId, KEYS);
		if (listing.isPresent()) {
			return ReadResult.unreadable(listing.get());
		}
		return vault.isPresent() ? ReadResult.absent() : ReadResult.notCollected();
	}

	private void indexHubs() {
		Map<String, Set<String>> projects = new HashMap<>();
		for (Workspace workspace : this.workspacesByKey.values()) {
			if (isProject(workspace) && ArmIds.key(workspace.hubResourceId()) != null) {
				projects.computeIfAbsent(ArmIds.key(workspace.hubResourceId()), (h) -> new LinkedHashSet<>())
					.add(ArmIds.key(workspace.id()));
			}
			for (String associated : workspace.associatedWorkspaces()) {
				Workspace project = this.workspacesByKey.get(ArmIds.key(associated));
				if (project != null && isProject(project)) {
					projects.computeIfAbsent(ArmIds.key(workspace.id()), (h) -> new LinkedHashSet<>())
						.add(ArmIds.key(project.id()));
				}
			}
		}
		projects
			.forEach((hub, keys) -> this.projectsByHub.put(hub, keys.stream().map(this.workspacesByKey::get).toList()));
	}

	/**
	 * The workspaces whose links make up a workspace's system: itself, and for a project
	 * its hub.
	 */
	private List<Workspace> systemOf(Workspace workspace) {
		if (isProject(workspace)) {
			Workspace hub = this.workspacesByKey.get(ArmIds.key(workspace.hubResourceId()));
			if (hub != null) {
				return List.of(workspace, hub);
			}
		}
		return List.of(workspace);
	}

	/**
	 * Links the Log Analytics workspaces holding a workspace's telemetry: the one its
	 * Application Insights component writes to and those its diagnostic settings send to.
	 */
	private void linkLogAnalytics(Workspace source, Workspace workspace) {
		MonitoringResource component = this.snapshot.monitoringResource(source.applicationInsightsId()).orElse(null);
		if (component != null) {
			link(Kind.LOG_ANALYTICS, component.workspaceResourceId(), workspace);
		}
		for (DiagnosticSetting setting : this.snapshot.diagnosticSettings(source.id()).orElse(List.of())) {
			link(Kind.LOG_ANALYTICS, setting.workspaceId(), workspace);
		}
	}

	private void link(Kind kind, @Nullable String resourceId, Workspace workspace) {
		String key = ArmIds.key(resourceId);
		if (key == null) {
			return;
		}
		this.links.computeIfAbsent(key, (k) -> new Link(kind, resourceId)).workspaces.add(workspace.id());
	}

	private <T> List<Dependency<T>> dependencies(Kind kind, List<T> inSnapshot, Function<T, String> idOf,
			Function<String, ReadResult<T>> lookup) {
		Map<String, Dependency<T>> result = new LinkedHashMap<>(inSnapshot.size() * 2);
		for (T item : inSnapshot) {
			String id = idOf.apply(item);
			String key = ArmIds.key(id);
			if (key != null && !result.containsKey(key)) {
				Link link = this.links.get(key);
				result.put(key, new Dependency<>(id, ReadResult.present(item),
						(link != null) ? List.copyOf(link.workspaces) : List.of()));
			}
		}
		this.links.forEach((key, link) -> {
			if (link.kind == kind && !result.containsKey(key)) {
				result.put(key,
						new Dependency<>(link.givenId, lookup.apply(link.givenId), List.copyOf(link.workspaces)));
			}
		});
		return List.copyOf(result.values());
	}

	/**
	 * What a linked resource is.
	 */
	private enum Kind {

		VAULT, KEY, STORAGE, REGISTRY, APP_INSIGHTS, LOG_ANALYTICS

	}

	/**
	 * A resource linked from workspace systems: its id as first given, and the workspaces
	 * linking to it in snapshot order.
	 */
	private static final class Link {

		private final Kind kind;

		private final String givenId;

		private final Set<String> workspaces = new LinkedHashSet<>(4);

		Link(Kind kind, String givenId) {
			this.kind = kind;
			this.givenId = givenId;
		}

	}

	/**
	 * A resource a check judges, with the workspaces it serves.
	 *
	 * @param <T> the resource type
	 * @param id ARM id as Azure returned it
	 * @param resource the resource, or why it could not be read; ABSENT means it is
	 * linked but was not found, NOT_COLLECTED that nobody read it
	 * @param workspaceIds ids of the workspaces whose system includes it
	 */
	public record Dependency<T>(String id, ReadResult<T> resource, List<String> workspaceIds) {

	}

}
