package io.amlwarden.posture.checks;

import io.amlwarden.inventory.KeyVault;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvPurgeProtectionCheck extends VaultCheck {

	private static final String PATH = "properties.enablePurgeProtection";

	KvPurgeProtectionCheck() {
		super(Meta.id("kv-purge-protection")
			.title("Key Vaults have purge protection enabled")
			.severity(Severity.HIGH)
			.category(Category.DATA_PROTECTION)
			.policies("0b60c0b2-2dc2-4e1c-b5c9-abbed971de53")
			.mcsb("DP-8")
			.cis("CIS Azure 2.0.0 8.5")
			.rationale("Purge protection stops a deleted vault or key from being purged before its retention"
					+ " ends, so a malicious or mistaken delete of a customer-managed key can be undone. Creating a"
					+ " workspace with a customer-managed key fails without it. Absent means off; it cannot be"
					+ " turned off once on.")
			.cli("az keyvault update --name <vault> --resource-group <rg> --enable-purge-protection true")
			.bicep("properties.enablePurgeProtection: true"));
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
	Verdict judge(KeyVault vault, WorkspaceGraph graph) {
		Boolean enabled = vault.enablePurgeProtection();
		return Verdict.of(Values.isTrue(enabled), PATH, enabled, "true", "Purge protection is enabled",
				(enabled == null) ? "Purge protection is not set, which means off" : "Purge protection is off");
	}

}
