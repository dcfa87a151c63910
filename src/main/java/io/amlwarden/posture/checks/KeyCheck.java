package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.VaultKey;
import io.amlwarden.posture.WorkspaceGraph;
import io.amlwarden.posture.WorkspaceGraph.Dependency;

/**
 * A check of Key Vault keys, read from ARM ({@code vaults/keys}) so that keys in vaults
 * with public access disabled still evaluate. Keys are reported under the workspaces that
 * use them as customer-managed key (directly or through their storage account); a key no
 * workspace uses that way is NOT_APPLICABLE, which is why these checks run in every
 * profile. A key a workspace references but that no longer exists is NOT_APPLICABLE here:
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
		if (target.workspaceIds().isEmpty()) {
			// Key hygiene runs in every profile because it judges keys already protecting
			// workspace data; other keys in the same vault are not this service's
			// business.
			return Verdict.notApplicable("Key '" + key.name() + "' is not a customer-managed key of any workspace"
					+ " or of a workspace's storage account");
		}
		return judge(key, graph);
	}

	abstract Verdict judge(VaultKey key, WorkspaceGraph graph);

}
