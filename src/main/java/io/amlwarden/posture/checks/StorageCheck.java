package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.WorkspaceGraph;
import io.amlwarden.posture.WorkspaceGraph.Dependency;

/**
 * A check of the workspaces' default storage accounts.
 */
abstract class StorageCheck extends DependencyCheck<StorageAccount> {

	StorageCheck(Meta meta) {
		super(meta.resourceType(ResourceTypes.STORAGE), "storage account");
	}

	@Override
	final List<Dependency<StorageAccount>> targets(WorkspaceGraph graph) {
		return graph.storageAccounts();
	}

	@Override
	final Verdict judge(StorageAccount account, Dependency<StorageAccount> target, WorkspaceGraph graph) {
		return judge(account, graph);
	}

	abstract Verdict judge(StorageAccount account, WorkspaceGraph graph);

}
