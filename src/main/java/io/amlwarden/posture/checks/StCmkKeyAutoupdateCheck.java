package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StCmkKeyAutoupdateCheck extends StorageCheck {

	private static final String PATH = "properties.encryption.keyvaultproperties.keyversion";

	private static final String EXPECTED = "empty (follow the latest key version)";

	StCmkKeyAutoupdateCheck() {
		super(Meta.id("st-cmk-key-autoupdate")
			.title("Storage accounts with a customer-managed key follow its latest version")
			.severity(Severity.MEDIUM)
			.category(Category.ENCRYPTION)
			.mcsb("DP-6")
			.rationale("With keyversion pinned, rotating the key does not reach the account: it keeps using the"
					+ " old version until someone updates it by hand, and breaks when that version is disabled."
					+ " An empty keyversion lets Azure Storage pick up new versions within a day. Not applicable"
					+ " without a customer-managed key.")
			.cli("az storage account update --name <account> --resource-group <rg> --encryption-key-source"
					+ " Microsoft.Keyvault --encryption-key-vault <vault-uri> --encryption-key-name <key>"
					+ " --encryption-key-version \"\"")
			.bicep("properties.encryption.keyvaultproperties.keyversion: ''"));
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
		StorageAccount.Encryption encryption = account.encryption();
		if (encryption == null || !encryption.usesCustomerManagedKey()) {
			return Verdict.notApplicable("The account does not use a customer-managed key");
		}
		String version = encryption.keyVersion();
		return Verdict.of(Values.isBlank(version), PATH, version, EXPECTED,
				"The account follows the latest version of key " + encryption.keyName(),
				"The account is pinned to version " + version + " of key " + encryption.keyName()
						+ ": rotations do not reach it");
	}

}
