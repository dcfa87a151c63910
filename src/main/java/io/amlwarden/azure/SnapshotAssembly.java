package io.amlwarden.azure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.amlwarden.azure.InventoryReads.LinkedRead;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;

/**
 * Turns the state of a finished collection into its snapshot: keeps only the linked
 * resources and role assignments that matter to the workspaces in scope, and says for
 * each workspace's children whether they were read, failed or were not collected.
 */
final class SnapshotAssembly {

	private SnapshotAssembly() {
	}

	static TenantSnapshot build(CollectionRun run) {
		List<Workspace> workspaceList = new ArrayList<>();
		Set<String> linked = new HashSet<>();
		for (Workspace workspace : run.workspaces.values()) {
			String key = ArmIds.key(workspace.id());
			boolean childrenKnown = run.childrenFromGraph.contains(workspace.subscriptionId())
					|| run.childrenRead.containsKey(key);
			workspaceList.add(workspace.withChildren(
					children(run, key, "#computes", childrenKnown, run.computes.get(key), workspace.id(), "computes"),
					children(run, key, "#endpoints", childrenKnown, run.endpoints.get(key), workspace.id(),
							"onlineEndpoints")));
			linked.addAll(workspace.linkedResourceIds().stream().map(ArmIds::key).toList());
		}
		workspaceList.sort(Comparator.comparing((Workspace w) -> ArmIds.key(w.id())));
		run.cmkVaultIds().forEach((id) -> linked.add(ArmIds.key(id)));
		// An Application Insights component a workspace links to brings its Log Analytics
		// workspace along.
		for (LinkedRead<MonitoringResource> read : List.of(InventoryReads.APP_INSIGHTS, InventoryReads.LOG_ANALYTICS)) {
			for (MonitoringResource resource : run.linked(read).values()) {
				if (linked.contains(ArmIds.key(resource.id())) && resource.workspaceResourceId() != null) {
					linked.add(ArmIds.key(resource.workspaceResourceId()));
				}
			}
		}
		TenantSnapshot.Builder builder = TenantSnapshot.builder(run.scope, run.startedAt).workspaces(workspaceList);
		for (LinkedRead<?> read : InventoryReads.LINKED) {
			read.addTo(builder, only(run.linked(read), linked));
		}
		builder.keys(run.keys.values().stream().sorted(Comparator.comparing(VaultKey::id)).toList())
			.roleAssignments(keptRoleAssignments(run))
			.roleDefinitions(run.roleDefinitions.values())
			.defenderPricings(run.pricings.values())
			.principals(run.principals)
			.readFailures(run.failures)
			.budgetExhausted(run.meter.exhausted())
			.workspacesListed(run.workspacesListed)
			.workspacesListed(run.listedByGraph.stream().filter(run.seenSubscriptions::contains).toList())
			.stats(run.meter.stats());
		run.diagnostics.forEach(builder::diagnosticSettings);
		return builder.build();
	}

	/**
	 * The role assignments that can affect a workspace in scope or what it links to:
	 * those at the workspace, below it, at a linked resource, at its resource group or
	 * subscription, at a management group or at the root.
	 */
	static List<RoleAssignment> keptRoleAssignments(CollectionRun run) {
		Set<String> exact = new HashSet<>();
		Set<String> prefixes = new HashSet<>();
		for (Workspace workspace : run.workspaces.values()) {
			exact.add("/subscriptions/" + workspace.subscriptionId());
			exact.add("/subscriptions/" + workspace.subscriptionId() + "/resourcegroups/" + workspace.resourceGroup());
			prefixes.add(ArmIds.key(workspace.id()));
			for (String linked : workspace.linkedResourceIds()) {
				exact.add(ArmIds.key(linked));
			}
		}
		for (String subscription : run.scope.subscriptionIds()) {
			exact.add("/subscriptions/" + subscription.toLowerCase(Locale.ROOT));
		}
		List<RoleAssignment> kept = new ArrayList<>();
		for (RoleAssignment assignment : run.roleAssignments.values()) {
			String scopeKey = ArmIds.key(assignment.scope());
			if (scopeKey == null) {
				continue;
			}
			boolean keep = exact.contains(scopeKey) || "/".equals(assignment.scope())
					|| scopeKey.startsWith("/providers/microsoft.management/managementgroups/")
					|| prefixes.contains(workspaceOf(scopeKey));
			if (keep) {
				kept.add(assignment);
			}
		}
		kept.sort(Comparator.comparing(RoleAssignment::id));
		return kept;
	}

	/**
	 * The workspace a scope is at or below (lower-cased), or {@code null}.
	 */
	private static String workspaceOf(String scopeKey) {
		String marker = "/providers/microsoft.machinelearningservices/workspaces/";
		int at = scopeKey.indexOf(marker);
		if (at < 0) {
			return null;
		}
		int end = scopeKey.indexOf('/', at + marker.length());
		return (end < 0) ? scopeKey : scopeKey.substring(0, end);
	}

	private static <T> ReadResult<List<T>> children(CollectionRun run, String key, String suffix, boolean known,
			List<T> items, String workspaceId, String what) {
		if (run.childFailures.containsKey(key + suffix)) {
			return ReadResult.unreadable(run.lastFailure(workspaceId + "/" + what, what));
		}
		if (!known) {
			return ReadResult.notCollected();
		}
		return ReadResult.present((items != null) ? List.copyOf(items) : List.of());
	}

	private static <T> List<T> only(Map<String, T> items, Set<String> keys) {
		List<T> kept = new ArrayList<>();
		items.forEach((key, value) -> {
			if (keys.contains(key)) {
				kept.add(value);
			}
		});
		return kept;
	}

}
