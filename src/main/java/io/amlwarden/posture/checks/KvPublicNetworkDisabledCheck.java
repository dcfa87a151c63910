package io.amlwarden.posture.checks;

import io.amlwarden.inventory.KeyVault;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvPublicNetworkDisabledCheck extends VaultCheck {

	private static final String PATH = "properties.publicNetworkAccess";

	KvPublicNetworkDisabledCheck() {
		super(Meta.id("kv-public-network-disabled")
			.title("Key Vaults disable public network access")
			.severity(Severity.HIGH)
			.category(Category.NETWORK)
			.policies("405c5871-3e91-4644-8a63-58e19d68ff5b")
			.mcsb("NS-2")
			.rationale("A vault holding customer-managed keys should only be reachable through private endpoints"
					+ " and trusted services. Absent means Enabled. Keys are read through ARM, so disabling public"
					+ " access does not stop this service from auditing them.")
			.cli("az keyvault update --name <vault> --resource-group <rg> --public-network-access Disabled")
			.bicep("properties.publicNetworkAccess: 'Disabled'"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return Values.DISABLED;
	}

	@Override
	Verdict judge(KeyVault vault, WorkspaceGraph graph) {
		return Values.publicAccessDisabled(vault.publicNetworkAccess(), PATH, "vault");
	}

}
