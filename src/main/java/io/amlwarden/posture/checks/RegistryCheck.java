package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.posture.WorkspaceGraph;
import io.amlwarden.posture.WorkspaceGraph.Dependency;

/**
 * A check of the workspaces' container registries.
 */
abstract class RegistryCheck extends DependencyCheck<ContainerRegistry> {

	RegistryCheck(Meta meta) {
		super(meta.resourceType(ResourceTypes.REGISTRY), "container registry");
	}

	@Override
	final List<Dependency<ContainerRegistry>> targets(WorkspaceGraph graph) {
		return graph.registries();
	}

	@Override
	final Verdict judge(ContainerRegistry registry, Dependency<ContainerRegistry> target, WorkspaceGraph graph) {
		return judge(registry);
	}

	abstract Verdict judge(ContainerRegistry registry);

}
