package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StPublicNetworkDisabledCheck extends StorageCheck {

	private static final String PATH = "properties.publicNetworkAccess";

	StPublicNetworkDisabledCheck() {
		super(Meta.id("st-public-network-disabled")
			.title("Storage accounts disable public network access")
			.severity(Severity.HIGH)
			.category(Category.NETWORK)
			.policies("b2982f36-99f2-4db5-8eff-283140c09693")
			.mcsb("NS-2")
			.rationale("Disabled public network access confines the workspace's data to private endpoints and"
					+ " overrides IP and VNet firewall rules. Absent means Enabled (the firewall alone decides).")
			.cli("az storage account update --name <account> --resource-group <rg> --public-network-access Disabled")
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
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		return Values.publicAccessDisabled(account.publicNetworkAccess(), PATH, "storage account");
	}

}
