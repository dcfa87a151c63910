package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.VaultKey;
import io.amlwarden.posture.WorkspaceGraph;
import io.amlwarden.posture.WorkspaceGraph.Dependency;

/**
 * A check of Key Vault keys, read from ARM ({@code vaults/keys}) so that keys in vaults
 * with public access disabled still evaluate. Keys are reported under the workspaces that
 * use them as customer-managed key (directly or through their storage account). A key a
 * workspace references but that no longer exists is NOT_APPLICABLE here:
 * {@code aml-ws-cmk-key-healthy} reports it as a failure.
 */
abstract class KeyCheck extends DependencyCheck<VaultKey> {

	KeyCheck(Meta meta) {
		super(meta.resourceType(ResourceTypes.KEY), "key");
	}

	@Override
	final List<Dependency<VaultKey>> targets(WorkspaceGraph graph) {
		return graph.keys();
	}

	@Override
	final Verdict missing(Dependency<VaultKey> target) {
		return Verdict.notApplicable("The key is referenced as a customer-managed key but does not exist in its"
				+ " vault; aml-ws-cmk-key-healthy reports the broken reference");
	}

	@Override
	final Verdict judge(VaultKey key, Dependency<VaultKey> target, WorkspaceGraph graph) {
		return judge(key, graph);
	}

	abstract Verdict judge(VaultKey key, WorkspaceGraph graph);

}
