package io.amlwarden.posture.checks;

import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlWsNoPublicBehindVnetCheck extends WorkspaceCheck {

	private static final String PATH = "properties.allowPublicAccessWhenBehindVnet";

	AmlWsNoPublicBehindVnetCheck() {
		super(Meta.id("aml-ws-no-public-behind-vnet")
			.title("Workspaces behind a virtual network do not also allow public access")
			.severity(Severity.HIGH)
			.category(Category.NETWORK)
			.rationale("allowPublicAccessWhenBehindVnet re-opens a private-link workspace to the internet; it is"
					+ " the legacy switch the Terraform attribute public_network_access_enabled once mapped to. Its"
					+ " documented default is false, so an absent value passes, with the default shown as evidence."
					+ " Projects inherit this from their hub.")
			.cli("az resource update --ids <workspace-id> --set properties.allowPublicAccessWhenBehindVnet=false")
			.bicep("properties.allowPublicAccessWhenBehindVnet: false"), true);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		Boolean allowed = workspace.allowPublicAccessWhenBehindVnet();
		if (allowed == null) {
			return Verdict.pass(PATH, null, "false (absent means false)", "Not set; the documented default is false");
		}
		return Verdict.of(!allowed, PATH, allowed, "false", "Public access behind the VNet is not allowed",
				"The workspace allows public access although it is behind a virtual network");
	}

}
