package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StCmkCheck extends StorageCheck {

	private static final String PATH = "properties.encryption.keySource";

	private static final String EXPECTED = "Microsoft.Keyvault";

	StCmkCheck() {
		super(Meta.id("st-cmk")
			.title("Storage accounts encrypt data with a customer-managed key")
			.severity(Severity.MEDIUM)
			.category(Category.ENCRYPTION)
			.regulatedOnly()
			.policies("6fac406b-40ca-413b-bf8e-0bf964659c25")
			.mcsb("DP-5")
			.cis("CIS Azure 1.4.0 3.9")
			.rationale("The workspace's default storage holds datasets, models and job outputs; a"
					+ " customer-managed key lets you revoke access to them. Absent encryption settings mean"
					+ " Microsoft.Storage (Microsoft-managed keys). MCSB ships this control disabled, hence"
					+ " REGULATED only.")
			.cli("az storage account update --name <account> --resource-group <rg> --encryption-key-source"
					+ " Microsoft.Keyvault --encryption-key-vault <vault-uri> --encryption-key-name <key>")
			.bicep("properties.encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyvaulturi:"
					+ " <vault-uri>, keyname: <key> } }"));
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
		String source = (account.encryption() != null) ? account.encryption().keySource() : null;
		return Verdict.of(Values.is(source, EXPECTED), PATH, source, EXPECTED,
				"The account is encrypted with key "
						+ ((account.encryption() != null) ? account.encryption().keyName() : null),
				(source == null) ? "Not set, which means Microsoft-managed keys"
						: "The account uses Microsoft-managed keys");
	}

}
