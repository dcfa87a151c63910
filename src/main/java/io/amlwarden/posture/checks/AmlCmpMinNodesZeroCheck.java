package io.amlwarden.posture.checks;

import java.util.Set;

import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlCmpMinNodesZeroCheck extends ComputeCheck {

	private static final String PATH = "properties.properties.scaleSettings.minNodeCount";

	AmlCmpMinNodesZeroCheck() {
		super(Meta.id("aml-cmp-min-nodes-zero")
			.title("Compute clusters scale to zero nodes when idle")
			.severity(Severity.LOW)
			.category(Category.ACCESS)
			.rationale("Nodes kept alive by a minimum node count above zero stay running with the cluster's"
					+ " identity, mounted datastores and cached credentials while no job needs them, which widens"
					+ " the window for a compromised node and costs money. A cluster that scales to zero only has"
					+ " nodes while jobs run. An unknown minimum is UNKNOWN, not assumed zero.")
			.cli("az ml compute update --name <cluster> --resource-group <rg> --workspace-name <workspace>"
					+ " --min-instances 0")
			.bicep("Microsoft.MachineLearningServices/workspaces/computes: properties.properties.scaleSettings"
					+ ".minNodeCount: 0"),
				Set.of(AML_COMPUTE));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "0";
	}

	@Override
	Verdict judge(Compute compute, Workspace workspace, WorkspaceGraph graph) {
		Integer min = compute.minNodeCount();
		if (min == null) {
			return Verdict.unknown(PATH, "0", "The cluster's minimum node count is not in the inventory");
		}
		return Verdict.of(min == 0, PATH, min, "0", "The cluster scales to zero nodes",
				"The cluster keeps " + min + " node(s) running when idle");
	}

}
