package io.amlwarden.posture.checks;

import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlWsIdentityDatastoresCheck extends WorkspaceCheck {

	private static final String PATH = "properties.systemDatastoresAuthMode";

	private static final String EXPECTED = "Identity";

	AmlWsIdentityDatastoresCheck() {
		super(Meta.id("aml-ws-identity-datastores")
			.title("Workspaces reach their system datastores with identity, not storage keys")
			.severity(Severity.MEDIUM)
			.category(Category.IDENTITY)
			.rationale("With AccessKey the workspace stores the storage account key as a datastore credential;"
					+ " with Identity it uses Entra ID, which is what lets st-shared-key-disabled be enforced"
					+ " without breaking the workspace. Absent means AccessKey, the service default.")
			.cli("az resource update --ids <workspace-id> --set properties.systemDatastoresAuthMode=identity")
			.bicep("properties.systemDatastoresAuthMode: 'identity'"), false);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		String mode = workspace.systemDatastoresAuthMode();
		if (mode == null) {
			return Verdict.fail(PATH, null, EXPECTED, "Not set, which means AccessKey: datastores use storage keys");
		}
		return Verdict.of(Values.is(mode, EXPECTED), PATH, mode, EXPECTED,
				"System datastores authenticate with identity",
				"System datastores authenticate with " + mode + ", not identity");
	}

}
