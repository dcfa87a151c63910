package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StInfraEncryptionCheck extends StorageCheck {

	private static final String PATH = "properties.encryption.requireInfrastructureEncryption";

	StInfraEncryptionCheck() {
		super(Meta.id("st-infra-encryption")
			.title("Storage accounts encrypt data twice (infrastructure encryption)")
			.severity(Severity.LOW)
			.category(Category.ENCRYPTION)
			.regulatedOnly()
			.policies("4733ea7b-a883-42fe-8cac-97454c2a9e4a")
			.mcsb("DP-4")
			.rationale("Infrastructure encryption adds a second, independent layer of encryption at rest. It can"
					+ " only be chosen when the account is created; absent means off. MCSB v2 (preview) control,"
					+ " hence REGULATED only.")
			.cli("az storage account create --name <account> --resource-group <rg>"
					+ " --require-infrastructure-encryption  # new account; migrate the data")
			.bicep("properties.encryption.requireInfrastructureEncryption: true"));
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
		Boolean required = (account.encryption() != null) ? account.encryption().requireInfrastructureEncryption()
				: null;
		return Verdict.of(Values.isTrue(required), PATH, required, "true", "Infrastructure encryption is on",
				(required == null) ? "Not set, which means off" : "Infrastructure encryption is off");
	}

}
