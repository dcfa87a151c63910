package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.KeyVault;
import io.amlwarden.posture.WorkspaceGraph;
import io.amlwarden.posture.WorkspaceGraph.Dependency;

/**
 * A check of the Key Vaults workspaces use: their own vault, the vault of their
 * customer-managed key and the vault of their storage account's key.
 */
abstract class VaultCheck extends DependencyCheck<KeyVault> {

	VaultCheck(Meta meta) {
		super(meta.resourceType(ResourceTypes.KEY_VAULT), "Key Vault");
	}

	@Override
	final List<Dependency<KeyVault>> targets(WorkspaceGraph graph) {
		return graph.vaults();
	}

	@Override
	final Verdict judge(KeyVault vault, Dependency<KeyVault> target, WorkspaceGraph graph) {
		return judge(vault, graph);
	}

	abstract Verdict judge(KeyVault vault, WorkspaceGraph graph);

}
