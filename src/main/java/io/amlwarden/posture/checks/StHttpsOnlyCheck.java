package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StHttpsOnlyCheck extends StorageCheck {

	private static final String PATH = "properties.supportsHttpsTrafficOnly";

	StHttpsOnlyCheck() {
		super(Meta.id("st-https-only")
			.title("Storage accounts accept only HTTPS")
			.severity(Severity.HIGH)
			.category(Category.DATA_PROTECTION)
			.policies("404c3081-a854-4457-ae30-26a93ef643f9")
			.mcsb("DP-3")
			.cis("CIS Azure 1.4.0 3.1")
			.rationale("Plain HTTP exposes data and SAS tokens in transit. Since API 2019-04-01 the property"
					+ " defaults to true, so an absent value passes (shown as the default in the evidence); false"
					+ " fails.")
			.cli("az storage account update --name <account> --resource-group <rg> --https-only true")
			.bicep("properties.supportsHttpsTrafficOnly: true"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "true";
	}

	@Override
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		Boolean httpsOnly = account.supportsHttpsTrafficOnly();
		if (httpsOnly == null) {
			return Verdict.pass(PATH, null, "true (absent means true)", "Not set; the default is HTTPS only");
		}
		return Verdict.of(httpsOnly, PATH, httpsOnly, "true", "Only HTTPS is accepted",
				"The account accepts plain HTTP");
	}

}
