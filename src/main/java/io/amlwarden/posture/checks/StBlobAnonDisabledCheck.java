package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StBlobAnonDisabledCheck extends StorageCheck {

	private static final String PATH = "properties.allowBlobPublicAccess";

	StBlobAnonDisabledCheck() {
		super(Meta.id("st-blob-anon-disabled")
			.title("Storage accounts forbid anonymous blob access")
			.severity(Severity.HIGH)
			.category(Category.DATA_PROTECTION)
			.policies("4fa4b6c0-31ca-4c0d-b10d-24b96f62a751")
			.mcsb("NS-2")
			.cis("CIS Azure 1.4.0 3.5")
			.rationale("With anonymous access allowed, any container set to public exposes training data and"
					+ " models without authentication. Absent means allowed on accounts created before November"
					+ " 2023, so only an explicit false passes.")
			.cli("az storage account update --name <account> --resource-group <rg> --allow-blob-public-access false")
			.bicep("properties.allowBlobPublicAccess: false"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "false";
	}

	@Override
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		Boolean allowed = account.allowBlobPublicAccess();
		return Verdict.of(Values.isFalse(allowed), PATH, allowed, "false", "Anonymous blob access is forbidden",
				(allowed == null) ? "Not set, which allows anonymous access on older accounts"
						: "Anonymous blob access is allowed");
	}

}
