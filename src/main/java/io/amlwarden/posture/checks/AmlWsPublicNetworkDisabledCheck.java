package io.amlwarden.posture.checks;

import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlWsPublicNetworkDisabledCheck extends WorkspaceCheck {

	AmlWsPublicNetworkDisabledCheck() {
		super(Meta.id("aml-ws-public-network-disabled")
			.title("Workspaces disable public network access")
			.severity(Severity.HIGH)
			.category(Category.NETWORK)
			.policies("438c38d2-3772-465a-a9cc-7a6666a275ce")
			.mcsb("NS-2")
			.rationale("With public network access enabled the workspace API and studio are reachable from the"
					+ " internet; access should go through private endpoints. A missing publicNetworkAccess means"
					+ " Enabled (old workspaces do not return it), so it fails, unlike tools that pass an absent"
					+ " attribute. Projects inherit this from their hub.")
			.cli("az ml workspace update --name <workspace> --resource-group <rg> --public-network-access Disabled")
			.bicep("properties.publicNetworkAccess: 'Disabled'"), true);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		return Values.publicAccessDisabled(workspace.publicNetworkAccess(), "properties.publicNetworkAccess",
				"workspace");
	}

}
