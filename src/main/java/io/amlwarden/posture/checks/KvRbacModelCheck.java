package io.amlwarden.posture.checks;

import io.amlwarden.inventory.KeyVault;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvRbacModelCheck extends VaultCheck {

	private static final String PATH = "properties.enableRbacAuthorization";

	KvRbacModelCheck() {
		super(Meta.id("kv-rbac-model")
			.title("Key Vaults use the Azure RBAC permission model")
			.severity(Severity.HIGH)
			.category(Category.ACCESS)
			.policies("12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5")
			.mcsb("PA-7")
			.cis("CIS Azure 2.0.0 8.6")
			.rationale("With access policies, anyone with Contributor on the vault can grant themselves key"
					+ " permissions; Azure RBAC separates managing the vault from using its keys and supports PIM"
					+ " and conditions. Absent means access policies (vaults created before API 2026-02-01 keep"
					+ " their model), so it fails.")
			.cli("az keyvault update --name <vault> --resource-group <rg> --enable-rbac-authorization true")
			.bicep("properties.enableRbacAuthorization: true"));
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
		Boolean rbac = vault.enableRbacAuthorization();
		return Verdict.of(Values.isTrue(rbac), PATH, rbac, "true", "The vault uses Azure RBAC", (rbac == null)
				? "Not set, which means the vault uses access policies" : "The vault uses access policies");
	}

}
