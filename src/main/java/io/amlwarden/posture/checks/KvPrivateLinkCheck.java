package io.amlwarden.posture.checks;

import io.amlwarden.inventory.KeyVault;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvPrivateLinkCheck extends VaultCheck {

	KvPrivateLinkCheck() {
		super(Meta.id("kv-private-link")
			.title("Key Vaults have an approved private endpoint")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("a6abeaec-4d90-4a02-805f-6b26c4d3fbe9")
			.mcsb("NS-2")
			.cis("CIS Azure 2.0.0 8.7")
			.rationale("A private endpoint lets workspaces and computes reach the vault without public network"
					+ " access. Only Approved connections count. Every vault is judged, not only those that already"
					+ " have endpoints.")
			.cli("az network private-endpoint create --name <pe> --resource-group <rg> --vnet-name <vnet>"
					+ " --subnet <subnet> --private-connection-resource-id <vault-id> --group-id vault"
					+ " --connection-name <vault>-pe")
			.bicep("Microsoft.Network/privateEndpoints: privateLinkServiceConnections[].properties:"
					+ " { privateLinkServiceId: <vault-id>, groupIds: ['vault'] }"));
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
	Verdict judge(KeyVault vault, WorkspaceGraph graph) {
		return Values.privateLink(vault.privateEndpointConnections(), "vault");
	}

}
