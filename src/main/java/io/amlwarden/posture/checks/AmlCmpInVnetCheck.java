package io.amlwarden.posture.checks;

import java.util.Set;

import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.ManagedNetwork;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlCmpInVnetCheck extends ComputeCheck {

	private static final String PATH = "properties.properties.subnet.id";

	private static final String EXPECTED = "a subnet, or a workspace managed network";

	AmlCmpInVnetCheck() {
		super(Meta.id("aml-cmp-in-vnet")
			.title("Compute instances and clusters run in a virtual network")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("7804b5c7-01dc-4723-969b-ae300cc07ff1")
			.mcsb("NS-2")
			.rationale("A compute injected into a subnet, or placed in the workspace's managed network"
					+ " (isolationMode AllowInternetOutbound or AllowOnlyApprovedOutbound), is not publicly"
					+ " addressable. The built-in policy only looks at subnet.id and so fails computes in a managed"
					+ " network; this check accepts both. A project's computes use its hub's managed network.")
			.cli("az ml compute create --file compute.yml --resource-group <rg> --workspace-name <workspace>"
					+ "  # network_settings: {vnet_name: <vnet>, subnet: <subnet>} (recreate the compute)")
			.bicep("Microsoft.MachineLearningServices/workspaces/computes: properties.properties.subnet.id:"
					+ " <subnet-id>"),
				Set.of(COMPUTE_INSTANCE, AML_COMPUTE));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return EXPECTED;
	}

	@Override
	Verdict judge(Compute compute, Workspace workspace, WorkspaceGraph graph) {
		if (!Values.isBlank(compute.subnetId())) {
			return Verdict.pass(PATH, compute.subnetId(), EXPECTED, "The compute runs in " + compute.subnetId());
		}
		ManagedNetwork network = workspace.managedNetwork();
		if (network == null && graph.isProject(workspace) && graph.hubOf(workspace).isPresent()) {
			// A project's computes run in its hub's managed network.
			network = graph.hubOf(workspace).value().managedNetwork();
		}
		String mode = (network != null) ? network.isolationMode() : null;
		if (Values.is(mode, "AllowInternetOutbound") || Values.is(mode, "AllowOnlyApprovedOutbound")) {
			return Verdict.pass("workspace properties.managedNetwork.isolationMode", mode, EXPECTED,
					"The compute runs in the workspace's managed network (" + mode + ")");
		}
		return Verdict.fail(PATH, null, EXPECTED,
				"The compute has no subnet and the workspace has no managed network isolation");
	}

}
