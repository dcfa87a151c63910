package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StSharedKeyDisabledCheck extends StorageCheck {

	private static final String PATH = "properties.allowSharedKeyAccess";

	StSharedKeyDisabledCheck() {
		super(Meta.id("st-shared-key-disabled")
			.title("Storage accounts forbid shared key (account key) authorization")
			.severity(Severity.MEDIUM)
			.category(Category.IDENTITY)
			.policies("8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54")
			.mcsb("IM-1")
			.rationale("Account keys grant full access to all data, never expire and leave no identity in the"
					+ " logs. Absent means allowed (the service default), so it fails; the built-in policy only"
					+ " flags an explicit true. Pair with aml-ws-identity-datastores so the workspace keeps working.")
			.cli("az storage account update --name <account> --resource-group <rg> --allow-shared-key-access false")
			.bicep("properties.allowSharedKeyAccess: false"));
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
		Boolean allowed = account.allowSharedKeyAccess();
		return Verdict.of(Values.isFalse(allowed), PATH, allowed, "false", "Shared key authorization is disabled",
				(allowed == null) ? "Not set, which means shared keys are accepted"
						: "Shared key authorization is enabled");
	}

}
