package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.WorkspaceGraph;

/**
 * A check of workspace computes, reported under their workspace. When the computes of a
 * workspace could not be listed, one UNKNOWN result stands for all of them.
 */
abstract class ComputeCheck extends AbstractCheck {

	static final String COMPUTE_INSTANCE = "ComputeInstance";

	static final String AML_COMPUTE = "AmlCompute";

	private final Set<String> computeTypes;

	/**
	 * @param meta the metadata
	 * @param computeTypes compute types the check applies to (compared ignoring case);
	 * empty for all
	 */
	ComputeCheck(Meta meta, Set<String> computeTypes) {
		super(meta.resourceType(ResourceTypes.COMPUTE));
		this.computeTypes = computeTypes;
	}

	@Override
	public final List<CheckResult> evaluate(WorkspaceGraph graph) {
		List<CheckResult> results = new ArrayList<>();
		for (Workspace workspace : graph.workspaces()) {
			ReadResult<List<Compute>> computes = workspace.computes();
			if (!computes.isKnown()) {
				results.add(result(workspace.id() + "/computes",
						Verdict.unreadable(path(), expected(), "the computes of the workspace", computes.failure()),
						List.of(workspace.id())));
				continue;
			}
			for (Compute compute : computes.orElse(List.of())) {
				Verdict verdict = applies(compute) ? judge(compute, workspace, graph)
						: Verdict.notApplicable("The check applies to "
								+ String.join(", ", this.computeTypes.stream().sorted().toList()) + " computes, not "
								+ compute.computeType());
				results.add(result(compute.id(), verdict, List.of(workspace.id())));
			}
		}
		return results;
	}

	private boolean applies(Compute compute) {
		return this.computeTypes.isEmpty()
				|| this.computeTypes.stream().anyMatch((type) -> type.equalsIgnoreCase(compute.computeType()));
	}

	abstract String path();

	abstract String expected();

	abstract Verdict judge(Compute compute, Workspace workspace, WorkspaceGraph graph);

}
