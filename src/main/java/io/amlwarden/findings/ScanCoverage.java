package io.amlwarden.findings;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What a scan looked at, so the ledger knows which open findings it may resolve.
 *
 * @param complete whether every resource in scope was read; a partial or failed scan
 * never resolves anything
 * @param subscriptionIds subscriptions in scope
 * @param resourceGroups resource groups in scope as {@code subscriptionId/resourceGroup};
 * empty means whole subscriptions
 * @param workspaceIds workspaces in scope (ARM ids); empty means no narrowing to
 * workspaces
 * @param checkIds checks the scan evaluated (its profile); findings of other checks are
 * left alone
 */
public record ScanCoverage(boolean complete, Set<String> subscriptionIds, Set<String> resourceGroups,
		Set<String> workspaceIds, Set<String> checkIds) {

	public ScanCoverage {
		subscriptionIds = lower(subscriptionIds);
		resourceGroups = lower(resourceGroups);
		workspaceIds = lower(workspaceIds);
		checkIds = lower(checkIds);
	}

	/**
	 * Whether a finding on a resource lies inside what this scan covered.
	 * @param subscriptionId the resource's subscription (lower case)
	 * @param resourceGroup the resource's group (lower case), if any
	 * @param findingWorkspaces the workspaces the finding is reported under (lower case)
	 * @return true if the scan would have seen it
	 */
	boolean covers(String subscriptionId, @Nullable String resourceGroup, Set<String> findingWorkspaces) {
		if (!this.subscriptionIds.contains(subscriptionId)) {
			return false;
		}
		if (!this.resourceGroups.isEmpty()
				&& (resourceGroup == null || !this.resourceGroups.contains(subscriptionId + "/" + resourceGroup))) {
			return false;
		}
		if (!this.workspaceIds.isEmpty()) {
			return findingWorkspaces.stream().anyMatch(this.workspaceIds::contains);
		}
		return true;
	}

	private static Set<String> lower(Set<String> values) {
		return values.stream().map((value) -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
	}

}
