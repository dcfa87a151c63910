package io.amlwarden.posture.checks;

import io.amlwarden.inventory.Workspace;
import io.amlwarden.inventory.WorkspaceEncryption;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlWsServiceSideCmkBlocksRotationCheck extends WorkspaceCheck {

	private static final String PATH = "properties.enableServiceSideCMKEncryption";

	AmlWsServiceSideCmkBlocksRotationCheck() {
		super(Meta.id("aml-ws-service-side-cmk-blocks-rotation")
			.title("Customer-managed-key workspaces do not use service-side encryption, which cannot be rotated")
			.severity(Severity.MEDIUM)
			.category(Category.ENCRYPTION)
			.rationale("Service-side customer-managed-key encryption (preview) keeps workspace metadata in"
					+ " Microsoft-hosted resources that do not follow a key rotation, so a rotated key never"
					+ " reaches them. Absent means false. Not applicable without a customer-managed key;"
					+ " projects inherit it from their hub. The setting is fixed at creation.")
			.cli("az ml workspace create --file workspace.yml --resource-group <rg>"
					+ "  # enable_service_side_cmk_encryption: false")
			.bicep("properties.enableServiceSideCMKEncryption: false"), true);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		WorkspaceEncryption encryption = workspace.encryption();
		if (encryption == null || !encryption.isEnabled()) {
			return Verdict.notApplicable("The workspace does not use a customer-managed key");
		}
		Boolean serviceSide = workspace.enableServiceSideCmkEncryption();
		if (serviceSide == null) {
			return Verdict.pass(PATH, null, "false (absent means false)", "Not set; the default is false");
		}
		return Verdict.of(!serviceSide, PATH, serviceSide, "false",
				"The customer-managed key is used the classic way and can be rotated",
				"Service-side encryption is on: rotating the key will not reach the workspace's service-side data");
	}

}
