package io.amlwarden.posture.checks;

import io.amlwarden.inventory.Workspace;
import io.amlwarden.inventory.WorkspaceEncryption;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlWsCmkCheck extends WorkspaceCheck {

	private static final String PATH = "properties.encryption.status";

	private static final String EXPECTED = "Enabled, with keyVaultProperties.keyIdentifier set";

	AmlWsCmkCheck() {
		super(Meta.id("aml-ws-cmk")
			.title("Workspaces encrypt their data with a customer-managed key")
			.severity(Severity.HIGH)
			.category(Category.ENCRYPTION)
			.regulatedOnly()
			.policies("ba769a63-b8cc-4b2d-abf6-ac33c7204be8", "7f40cee6-e933-4d0f-a782-b96615e0f4a6")
			.mcsb("DP-5")
			.rationale("A customer-managed key lets you control, rotate and revoke the key protecting workspace"
					+ " data (metadata in Cosmos DB, search index, storage). Absent encryption means Microsoft-managed"
					+ " keys. A kind=Project workspace inherits encryption from its hub, so it is judged on the hub."
					+ " MCSB ships this control disabled, hence REGULATED only; the key can only be set when the"
					+ " workspace is created.")
			.cli("az ml workspace create --file workspace.yml --resource-group <rg>"
					+ "  # customer_managed_key: {key_vault: <vault-id>, key_uri: <key-url>}")
			.bicep("properties.encryption: { status: 'Enabled', keyVaultProperties: { keyVaultArmId: <vault-id>,"
					+ " keyIdentifier: <key-url> } }"),
				true);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		WorkspaceEncryption encryption = workspace.encryption();
		if (encryption == null) {
			return Verdict.fail(PATH, null, EXPECTED,
					"The workspace has no encryption settings, so it uses Microsoft-managed keys");
		}
		if (!encryption.isEnabled()) {
			return Verdict.fail(PATH, encryption.status(), EXPECTED, "Customer-managed key encryption is not enabled");
		}
		if (Values.isBlank(encryption.keyIdentifier())) {
			return Verdict.fail("properties.encryption.keyVaultProperties.keyIdentifier", null, EXPECTED,
					"Encryption is Enabled but no key identifier is set");
		}
		return Verdict.pass(PATH, encryption.status(), EXPECTED,
				"The workspace is encrypted with " + encryption.keyIdentifier());
	}

}
