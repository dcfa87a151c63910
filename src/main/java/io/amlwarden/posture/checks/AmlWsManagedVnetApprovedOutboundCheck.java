package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ManagedNetwork;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlWsManagedVnetApprovedOutboundCheck extends WorkspaceCheck {

	private static final String PATH = "properties.managedNetwork.isolationMode";

	private static final String EXPECTED = "AllowOnlyApprovedOutbound";

	AmlWsManagedVnetApprovedOutboundCheck() {
		super(Meta.id("aml-ws-managed-vnet-approved-outbound")
			.title("Workspaces isolate their managed network to approved outbound traffic")
			.severity(Severity.HIGH)
			.category(Category.NETWORK)
			.regulatedOnly()
			.policies("6ddb1705-c8cf-450e-aa4b-19ad6703c440")
			.mcsb("NS-2")
			.rationale("AllowOnlyApprovedOutbound stops computes, serverless jobs and managed endpoints from"
					+ " exfiltrating data to arbitrary internet hosts. An absent managedNetwork means Disabled."
					+ " The built-in policy's isolationMode parameter defaults to Disabled, so an unparameterised"
					+ " assignment passes every workspace; this check always expects AllowOnlyApprovedOutbound."
					+ " MCSB v2 (preview) control, hence REGULATED only; projects inherit it from their hub.")
			.cli("az ml workspace update --name <workspace> --resource-group <rg>"
					+ " --managed-network allow_only_approved_outbound")
			.bicep("properties.managedNetwork.isolationMode: 'AllowOnlyApprovedOutbound'"), true);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		ManagedNetwork network = workspace.managedNetwork();
		String mode = (network != null) ? network.isolationMode() : null;
		if (mode == null) {
			return Verdict.fail(PATH, null, EXPECTED, "No managed network isolation is set, which means Disabled");
		}
		return Verdict.of(Values.is(mode, EXPECTED), PATH, mode, EXPECTED,
				"Outbound traffic is limited to approved destinations",
				"The managed network allows outbound traffic beyond approved destinations (" + mode + ")");
	}

}
