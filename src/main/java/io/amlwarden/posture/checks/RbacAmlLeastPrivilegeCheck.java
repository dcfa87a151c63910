package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.amlwarden.inventory.ManagedIdentity;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

/**
 * People work in a workspace through the AzureML data-plane roles, not through Owner or
 * Contributor on it; the workspace's own identities never hold roles that grant access.
 */
@Component
class RbacAmlLeastPrivilegeCheck extends WorkspaceCheck {

	private static final String PATH = "roleAssignments[scope=workspace or its resource group]";

	private static final String EXPECTED = "no user or group with Owner, Contributor, User Access Administrator,"
			+ " RBAC Administrator or a '*' custom role; no workspace identity able to grant access";

	RbacAmlLeastPrivilegeCheck() {
		super(Meta.id("rbac-aml-least-privilege")
			.title("Workspaces grant people data-plane roles, not Owner or Contributor, and their identities"
					+ " cannot grant access")
			.severity(Severity.HIGH)
			.category(Category.ACCESS)
			.mcsb("PA-7")
			.rationale("Owner or Contributor on a workspace or its resource group lets a user change network,"
					+ " encryption and identity settings and read every connection secret; AzureML Data Scientist"
					+ " and Compute Operator cover day-to-day work. The workspace's system- and user-assigned"
					+ " identities only need the documented data roles on their dependencies, so any role that"
					+ " can grant access (Owner, User Access Administrator, RBAC Administrator, a '*' custom role)"
					+ " lets code running as the workspace escalate. An unknown principal type counts as a"
					+ " person. No Azure Policy built-in or mainstream scanner checks this.")
			.cli("az role assignment delete --assignee <principal> --role Contributor --scope <workspace-id>;"
					+ " az role assignment create --assignee <principal> --role \"AzureML Data Scientist\""
					+ " --scope <workspace-id>")
			.bicep("Microsoft.Authorization/roleAssignments on the workspace: roleDefinitionId AzureML Data"
					+ " Scientist (f6c7c914-8db3-469d-8ca1-694a8f32e121) instead of Owner or Contributor"),
				false);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		String subscription = "/subscriptions/" + workspace.subscriptionId();
		Optional<ReadFailure> failure = graph.failure(subscription, "roleAssignments");
		if (failure.isPresent()) {
			return Verdict.unreadable(PATH, EXPECTED, "the role assignments of the workspace's subscription",
					failure.get());
		}
		List<String> findings = new ArrayList<>();
		int reviewed = 0;
		String resourceGroup = subscription + "/resourceGroups/" + workspace.resourceGroup();
		for (String scope : List.of(workspace.id(), resourceGroup)) {
			for (RoleAssignment assignment : graph.assignmentsAt(scope)) {
				reviewed++;
				if (Roles.isHuman(assignment) && Roles.isPrivileged(assignment, graph)) {
					findings.add(Verdict.show(assignment.principalType()) + " " + assignment.principalId() + " has "
							+ Roles.name(assignment, graph) + " at " + assignment.scope());
				}
			}
		}
		for (String identity : identities(workspace.identity())) {
			for (RoleAssignment assignment : graph.assignmentsOf(identity)) {
				if (Roles.canGrantAccess(assignment, graph)) {
					findings.add("workspace identity " + identity + " has " + Roles.name(assignment, graph) + " at "
							+ assignment.scope());
				}
			}
		}
		String observed = reviewed + " assignment(s) at the workspace and its resource group"
				+ (findings.isEmpty() ? "" : "; " + String.join("; ", findings));
		return Verdict.of(findings.isEmpty(), PATH, observed, EXPECTED,
				"No person holds a management role on the workspace and its identities cannot grant access",
				String.join("; ", findings));
	}

	private static Set<String> identities(ManagedIdentity identity) {
		Set<String> ids = new LinkedHashSet<>();
		if (identity.principalId() != null) {
			ids.add(identity.principalId());
		}
		identity.userAssigned().values().forEach((uai) -> {
			if (uai.principalId() != null) {
				ids.add(uai.principalId());
			}
		});
		return ids;
	}

}
