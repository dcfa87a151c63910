package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.Principal;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Between two and three principals hold Owner directly on each workspace subscription,
 * and none of the subscription's owners (direct or inherited from the root) is a guest, a
 * disabled account or a deleted object.
 */
@Component
class RbacOwnerCountCheck extends SubscriptionAssignmentsCheck {

	private static final String PATH = "roleAssignments[role=Owner, scope=subscription]";

	private static final String EXPECTED = "2 to 3 owners, none of them guest, disabled or deleted";

	RbacOwnerCountCheck() {
		super(Meta.id("rbac-owner-count")
			.title("Workspace subscriptions have two or three owners, none of them guests or blocked accounts")
			.severity(Severity.HIGH)
			.category(Category.ACCESS)
			.resourceType(ResourceTypes.SUBSCRIPTION)
			.policies("4f11b553-d42e-4e3a-89be-32ca364cad4c", "09024ccc-0c5f-475e-9457-b7c0d9ed487b",
					"339353f6-2387-4a45-abe4-7f529d121046", "0cfea604-3201-4e14-88fc-fae4c427a6c5")
			.mcsb("PA-1")
			.rationale("One owner is a single point of failure; more than three widens the blast radius of a"
					+ " compromised account; a guest, disabled or deleted owner is access nobody reviews. Counts"
					+ " distinct principals with Owner directly on the subscription (a group counts once). Owners"
					+ " at management-group scope are listed but not counted, since the snapshot does not say which"
					+ " management groups hold the subscription. Guests and blocked accounts are only checked when"
					+ " principals were resolved through Microsoft Graph.")
			.cli("az role assignment delete --assignee <principal> --role Owner --scope /subscriptions/<subscription>")
			.bicep("Microsoft.Authorization/roleAssignments at subscription scope: keep two or three with"
					+ " roleDefinitionId Owner (8e3af657-a8ff-443c-a75c-2fe8c4bcb635)"),
				PATH, EXPECTED);
	}

	@Override
	Verdict judge(WorkspaceGraph graph, String subscription, String scope) {
		Set<String> owners = new LinkedHashSet<>();
		List<RoleAssignment> effective = new ArrayList<>();
		for (RoleAssignment assignment : graph.assignmentsAt(scope)) {
			if (Roles.OWNER.equals(assignment.roleDefinitionGuid()) && assignment.principalId() != null) {
				owners.add(assignment.principalId().toLowerCase(Locale.ROOT));
				effective.add(assignment);
			}
		}
		List<String> inherited = new ArrayList<>();
		for (RoleAssignment assignment : graph.assignmentsAboveSubscriptions()) {
			if (Roles.OWNER.equals(assignment.roleDefinitionGuid())) {
				if (ArmIds.key(assignment.scope()).isEmpty()) {
					effective.add(assignment);
				}
				inherited.add(assignment.principalId() + " at " + assignment.scope());
			}
		}
		List<String> blocked = new ArrayList<>();
		boolean resolved = true;
		for (RoleAssignment assignment : effective) {
			ReadResult<Principal> principal = graph.snapshot().principal(assignment.principalId());
			if (principal.state() == ReadResult.State.NOT_COLLECTED) {
				resolved = false;
			}
			else if (principal.isPresent()) {
				String problem = problem(principal.value());
				if (problem != null) {
					blocked.add(describe(principal.value()) + " (" + problem + ")");
				}
			}
		}
		String observed = owners.size() + " direct owner(s)" + (blocked.isEmpty() ? "" : "; " + blocked)
				+ (inherited.isEmpty() ? "" : "; also Owner above the subscription: " + inherited);
		String note = resolved ? "" : " Guests and blocked accounts were not checked: principals were not resolved.";
		if (!blocked.isEmpty()) {
			return Verdict.fail(PATH, observed, EXPECTED,
					"Owner is held by accounts nobody can vouch for: " + String.join(", ", blocked) + "." + note);
		}
		if (owners.size() < 2) {
			return Verdict.fail(PATH, observed, EXPECTED, "The subscription has " + owners.size()
					+ " direct owner(s); with fewer than two, losing one account loses control of it." + note);
		}
		if (owners.size() > 3) {
			return Verdict.fail(PATH, observed, EXPECTED,
					"The subscription has " + owners.size() + " direct owners; at most three are recommended." + note);
		}
		return Verdict.pass(PATH, observed, EXPECTED, "The subscription has " + owners.size() + " owners." + note);
	}

	private static @Nullable String problem(Principal principal) {
		if (principal.deleted()) {
			return "deleted";
		}
		if (Values.isFalse(principal.accountEnabled())) {
			return "sign-in blocked";
		}
		if (Values.is(principal.userType(), "Guest")) {
			return "guest";
		}
		return null;
	}

	private static String describe(Principal principal) {
		if (principal.userPrincipalName() != null) {
			return principal.userPrincipalName();
		}
		return (principal.displayName() != null) ? principal.displayName() : principal.id();
	}

}
