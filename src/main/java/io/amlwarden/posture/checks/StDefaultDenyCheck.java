package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StDefaultDenyCheck extends StorageCheck {

	private static final String PATH = "properties.networkAcls.defaultAction";

	private static final String EXPECTED = "Deny, or publicNetworkAccess Disabled";

	StDefaultDenyCheck() {
		super(Meta.id("st-default-deny")
			.title("Storage account firewalls deny by default, or public access is disabled")
			.severity(Severity.HIGH)
			.category(Category.NETWORK)
			.policies("34c877ad-507e-4c82-993e-3452a6e0ad3c")
			.mcsb("NS-2")
			.cis("CIS Azure 1.4.0 3.6")
			.rationale("A default action of Allow admits every network. Absent networkAcls mean Allow. With public"
					+ " network access disabled the firewall is not exposed, so that passes too.")
			.cli("az storage account update --name <account> --resource-group <rg> --default-action Deny"
					+ " --bypass AzureServices")
			.bicep("properties.networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }"));
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
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		if (Values.is(account.publicNetworkAccess(), Values.DISABLED)) {
			return Verdict.pass("properties.publicNetworkAccess", account.publicNetworkAccess(), EXPECTED,
					"Public network access is disabled, so the firewall is not exposed");
		}
		String action = (account.networkRules() != null) ? account.networkRules().defaultAction() : null;
		return Verdict.of(Values.is(action, "Deny"), PATH, action, EXPECTED, "The firewall denies by default",
				(action == null) ? "No default action is set, which means Allow" : "The firewall allows by default");
	}

}
