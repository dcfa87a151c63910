package io.amlwarden.inventory;

import java.util.List;
import java.util.Objects;

/**
 * What to collect: a list of subscriptions, optionally narrowed to resource groups or to
 * individual workspaces. Resource groups and workspace ids are matched
 * case-insensitively.
 *
 * @param subscriptionIds subscriptions to read (at least one)
 * @param resourceGroups resource group names to narrow to; empty means all
 * @param workspaceIds workspace ARM ids to narrow to; empty means all
 */
public record InventoryScope(List<String> subscriptionIds, List<String> resourceGroups, List<String> workspaceIds) {

	public InventoryScope {
		subscriptionIds = List.copyOf(Objects.requireNonNull(subscriptionIds, "subscriptionIds"));
		resourceGroups = (resourceGroups != null) ? List.copyOf(resourceGroups) : List.of();
		workspaceIds = (workspaceIds != null) ? List.copyOf(workspaceIds) : List.of();
		if (subscriptionIds.isEmpty()) {
			throw new IllegalArgumentException("A scope needs at least one subscription");
		}
	}

	public static InventoryScope subscriptions(List<String> subscriptionIds) {
		return new InventoryScope(subscriptionIds, List.of(), List.of());
	}

	/**
	 * Whether a workspace id falls inside this scope.
	 */
	public boolean includesWorkspace(String workspaceId) {
		String key = ArmIds.key(workspaceId);
		String subscription = ArmIds.subscriptionOf(workspaceId);
		if (this.subscriptionIds.stream().noneMatch((s) -> s.equalsIgnoreCase(subscription))) {
			return false;
		}
		if (!this.resourceGroups.isEmpty() && this.resourceGroups.stream()
			.noneMatch((rg) -> rg.equalsIgnoreCase(ArmIds.resourceGroupOf(workspaceId)))) {
			return false;
		}
		return this.workspaceIds.isEmpty() || this.workspaceIds.stream().anyMatch((id) -> key.equals(ArmIds.key(id)));
	}

}
