package io.amlwarden.posture.checks;

import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlWsUserAssignedIdentityCheck extends WorkspaceCheck {

	private static final String PATH = "properties.primaryUserAssignedIdentity";

	private static final String EXPECTED = "set, with identity.type including UserAssigned";

	AmlWsUserAssignedIdentityCheck() {
		super(Meta.id("aml-ws-user-assigned-identity")
			.title("Workspaces reach their dependencies with a user-assigned managed identity")
			.severity(Severity.LOW)
			.category(Category.IDENTITY)
			.regulatedOnly()
			.policies("5f0c7d88-c7de-45b8-ac49-db49e72eaa78")
			.mcsb("IM-3")
			.rationale("A user-assigned identity has its own lifecycle and can be granted access to the vault,"
					+ " storage and registry before the workspace exists, and kept when the workspace is recreated."
					+ " Projects inherit the hub's identity setup. MCSB v2 (preview) control, hence REGULATED only.")
			.cli("az ml workspace update --name <workspace> --resource-group <rg> --file workspace.yml"
					+ "  # identity: {type: user_assigned, ...}, primary_user_assigned_identity: <identity-id>")
			.bicep("identity: { type: 'UserAssigned', userAssignedIdentities: { '<identity-id>': {} } },"
					+ " properties.primaryUserAssignedIdentity: '<identity-id>'"),
				true);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		String primary = workspace.primaryUserAssignedIdentity();
		if (Values.isBlank(primary)) {
			return Verdict.fail(PATH, primary, EXPECTED,
					"No primary user-assigned identity: the workspace uses its system-assigned identity");
		}
		if (!workspace.identity().hasUserAssigned()) {
			return Verdict.fail("identity.type", workspace.identity().type(), EXPECTED,
					"A primary user-assigned identity is named but the workspace identity has no user-assigned"
							+ " identities");
		}
		return Verdict.pass(PATH, primary, EXPECTED, "The workspace uses user-assigned identity " + primary);
	}

}
