package io.amlwarden.posture.checks;

import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlWsPrivateLinkCheck extends WorkspaceCheck {

	AmlWsPrivateLinkCheck() {
		super(Meta.id("aml-ws-private-link")
			.title("Workspaces have an approved private endpoint")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("45e05259-1eb5-4f70-9574-baf73e9d219b")
			.mcsb("NS-2")
			.rationale("A private endpoint keeps workspace traffic on the Azure backbone. Only an Approved"
					+ " connection counts: Pending, Rejected or Disconnected ones carry no traffic. Projects inherit"
					+ " network settings from their hub.")
			.cli("az network private-endpoint create --name <pe> --resource-group <rg> --vnet-name <vnet>"
					+ " --subnet <subnet> --private-connection-resource-id <workspace-id> --group-id amlworkspace"
					+ " --connection-name <workspace>-pe")
			.bicep("Microsoft.Network/privateEndpoints: privateLinkServiceConnections[].properties:"
					+ " { privateLinkServiceId: <workspace-id>, groupIds: ['amlworkspace'] }"),
				true);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		return Values.privateLink(workspace.privateEndpointConnections(), "workspace");
	}

}
