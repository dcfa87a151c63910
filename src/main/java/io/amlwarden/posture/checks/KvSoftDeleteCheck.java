package io.amlwarden.posture.checks;

import io.amlwarden.inventory.KeyVault;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvSoftDeleteCheck extends VaultCheck {

	static final String PATH = "properties.enableSoftDelete";

	KvSoftDeleteCheck() {
		super(Meta.id("kv-soft-delete")
			.title("Key Vaults have soft delete enabled")
			.severity(Severity.HIGH)
			.category(Category.DATA_PROTECTION)
			.policies("1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d")
			.mcsb("DP-8")
			.cis("CIS Azure 2.0.0 8.5")
			.rationale("Without soft delete, deleting the vault or the customer-managed key destroys it at once and"
					+ " the data it protects becomes unrecoverable. Vaults created before soft delete became"
					+ " mandatory may not return the property: absent means off, so it fails (null is never a pass).")
			.cli("az keyvault update --name <vault> --resource-group <rg> --enable-soft-delete true")
			.bicep("properties.enableSoftDelete: true"));
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
		Boolean enabled = vault.enableSoftDelete();
		return Verdict.of(Values.isTrue(enabled), PATH, enabled, "true", "Soft delete is enabled", (enabled == null)
				? "Soft delete is not reported, which means off for this (old) vault" : "Soft delete is disabled");
	}

}
