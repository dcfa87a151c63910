package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.List;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

/**
 * Nobody holds User Access Administrator in a workspace subscription.
 */
@Component
class RbacUaaRestrictedCheck extends SubscriptionAssignmentsCheck {

	private static final String PATH = "roleAssignments[role=User Access Administrator]";

	private static final String EXPECTED = "none";

	RbacUaaRestrictedCheck() {
		super(Meta.id("rbac-uaa-restricted")
			.title("Nobody holds User Access Administrator in a workspace subscription")
			.severity(Severity.HIGH)
			.category(Category.ACCESS)
			.resourceType(ResourceTypes.SUBSCRIPTION)
			.mcsb("PA-1")
			.rationale("User Access Administrator can grant any role, including Owner, to anyone: a standing"
					+ " assignment (often left behind by a Global Administrator's elevation at root scope) is a"
					+ " privilege-escalation path. Looks at the subscription, the workspaces' resource groups and"
					+ " resources, and the root scope. Assignments at management groups may or may not reach the"
					+ " subscription, so they alone make the result UNKNOWN.")
			.cli("az role assignment delete --role \"User Access Administrator\" --scope <scope> --assignee <principal>")
			.bicep("Remove Microsoft.Authorization/roleAssignments with roleDefinitionId User Access Administrator"
					+ " (18d7d88d-d35e-4fb5-a5c3-7773c20a72d9); use PIM for just-in-time access"),
				PATH, EXPECTED);
	}

	@Override
	Verdict judge(WorkspaceGraph graph, String subscription, String scope) {
		List<String> holders = new ArrayList<>();
		List<String> maybe = new ArrayList<>();
		for (RoleAssignment assignment : graph.assignmentsWithin(subscription)) {
			if (Roles.USER_ACCESS_ADMINISTRATOR.equals(assignment.roleDefinitionGuid())) {
				holders.add(assignment.principalId() + " at " + assignment.scope());
			}
		}
		for (RoleAssignment assignment : graph.assignmentsAboveSubscriptions()) {
			if (Roles.USER_ACCESS_ADMINISTRATOR.equals(assignment.roleDefinitionGuid())) {
				(ArmIds.key(assignment.scope()).isEmpty() ? holders : maybe)
					.add(assignment.principalId() + " at " + assignment.scope());
			}
		}
		if (!holders.isEmpty()) {
			return Verdict.fail(PATH, String.join(", ", holders), EXPECTED,
					holders.size() + " User Access Administrator assignment(s) reach the subscription");
		}
		if (!maybe.isEmpty()) {
			return Verdict.unknown(PATH, EXPECTED, "User Access Administrator is assigned at management groups that"
					+ " may contain the subscription: " + String.join(", ", maybe));
		}
		return Verdict.pass(PATH, EXPECTED, EXPECTED,
				"No User Access Administrator assignment reaches the" + " subscription");
	}

}
