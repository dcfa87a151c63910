package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StPrivateLinkCheck extends StorageCheck {

	StPrivateLinkCheck() {
		super(Meta.id("st-private-link")
			.title("Storage accounts have an approved private endpoint")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("6edd7eda-6dd8-40f7-810d-67160c639cd9")
			.mcsb("NS-2")
			.rationale("Private endpoints (blob and file for a workspace) keep data traffic off the internet."
					+ " Only Approved connections count.")
			.cli("az network private-endpoint create --name <pe> --resource-group <rg> --vnet-name <vnet>"
					+ " --subnet <subnet> --private-connection-resource-id <account-id> --group-id blob"
					+ " --connection-name <account>-blob")
			.bicep("Microsoft.Network/privateEndpoints: privateLinkServiceConnections[].properties:"
					+ " { privateLinkServiceId: <account-id>, groupIds: ['blob'] }"));
	}

	@Override
	String path() {
		return "properties.privateEndpointConnections[*].privateLinkServiceConnectionState.status";
	}

	@Override
	String expected() {
		return "at least one Approved";
	}

	@Override
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		return Values.privateLink(account.privateEndpointConnections(), "storage account");
	}

}
