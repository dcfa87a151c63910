package io.amlwarden.posture.checks;

import java.util.Arrays;

import io.amlwarden.inventory.NetworkRules;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StTrustedServicesBypassCheck extends StorageCheck {

	private static final String PATH = "properties.networkAcls.bypass";

	private static final String EXPECTED = "contains AzureServices";

	StTrustedServicesBypassCheck() {
		super(Meta.id("st-trusted-services-bypass")
			.title("Storage accounts let trusted Microsoft services through the firewall")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("c9d007d0-c057-4772-b18c-01e546713bcd")
			.mcsb("NS-2")
			.cis("CIS Azure 1.4.0 3.7")
			.rationale("Azure Machine Learning, Defender for Storage, backup and diagnostics reach the workspace's"
					+ " storage account as trusted services; without the AzureServices bypass a firewalled account"
					+ " breaks them, which pushes teams to open the firewall instead. When networkAcls is absent"
					+ " Azure applies bypass AzureServices, so an absent block passes.")
			.cli("az storage account update --name <account> --resource-group <rg> --bypass AzureServices")
			.bicep("properties.networkAcls.bypass: 'AzureServices'"));
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
		NetworkRules rules = account.networkRules();
		if (rules == null || rules.bypass() == null) {
			return Verdict.pass(PATH, null, EXPECTED + " (absent means AzureServices)",
					"Not set; the default lets trusted Microsoft services through");
		}
		boolean trusted = Arrays.stream(rules.bypass().split(","))
			.anyMatch((entry) -> entry.trim().equalsIgnoreCase("AzureServices"));
		return Verdict.of(trusted, PATH, rules.bypass(), EXPECTED, "Trusted Microsoft services may pass the firewall",
				"Trusted Microsoft services are blocked (bypass " + rules.bypass() + ")");
	}

}
