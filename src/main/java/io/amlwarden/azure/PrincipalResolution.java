package io.amlwarden.azure;

import java.util.HashSet;
import java.util.Set;

import io.amlwarden.inventory.RoleAssignment;

/**
 * Resolves the principals of the role assignments a snapshot keeps through Microsoft
 * Graph, so that access signals can tell users, groups, service principals and deleted
 * principals apart. A failed resolution is recorded, never fatal.
 */
final class PrincipalResolution {

	private final DirectoryLookup directory;

	private final boolean enabled;

	PrincipalResolution(DirectoryLookup directory, boolean enabled) {
		this.directory = directory;
		this.enabled = enabled;
	}

	void resolve(CollectionRun run) {
		if (!this.enabled) {
			return;
		}
		Set<String> ids = new HashSet<>();
		for (RoleAssignment assignment : SnapshotAssembly.keptRoleAssignments(run)) {
			if (assignment.principalId() != null) {
				ids.add(assignment.principalId());
			}
		}
		if (ids.isEmpty()) {
			return;
		}
		try {
			run.principals.addAll(this.directory.resolve(ids, run.context));
		}
		catch (RuntimeException ex) {
			run.failures.add(AzureCallException.failure("/", "principals", ex));
		}
	}

}
