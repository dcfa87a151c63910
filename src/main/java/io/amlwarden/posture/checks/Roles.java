package io.amlwarden.posture.checks;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.RoleDefinition;
import io.amlwarden.posture.WorkspaceGraph;

/**
 * Built-in roles the RBAC checks look for, matched by definition GUID (the only stable
 * identifier: names are localised and ids come subscription-prefixed or bare).
 */
final class Roles {

	static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

	static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";

	static final String USER_ACCESS_ADMINISTRATOR = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

	static final String RBAC_ADMINISTRATOR = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";

	static final Map<String, String> NAMES = Map.of(OWNER, "Owner", CONTRIBUTOR, "Contributor",
			USER_ACCESS_ADMINISTRATOR, "User Access Administrator", RBAC_ADMINISTRATOR,
			"Role Based Access Control Administrator");

	/** Principal types that stand for people rather than workloads. */
	private static final Set<String> HUMAN_TYPES = Set.of("user", "group", "foreigngroup");

	private Roles() {
	}

	/**
	 * Whether an assignee is a person or a group of people. An unknown type counts as
	 * human, so that a missing value never hides a privileged user.
	 */
	static boolean isHuman(RoleAssignment assignment) {
		return assignment.principalType() == null
				|| HUMAN_TYPES.contains(assignment.principalType().toLowerCase(Locale.ROOT));
	}

	/**
	 * A readable name for an assignment's role.
	 */
	static String name(RoleAssignment assignment, WorkspaceGraph graph) {
		String guid = assignment.roleDefinitionGuid();
		String builtIn = NAMES.get(guid);
		if (builtIn != null) {
			return builtIn;
		}
		return graph.snapshot().roleDefinition(guid).isPresent()
				? graph.snapshot().roleDefinition(guid).value().roleName() : guid;
	}

	/**
	 * Whether a custom role grants every action ({@code *}).
	 */
	static boolean grantsEverything(RoleDefinition definition) {
		return definition.isCustom() && definition.permissions().stream().anyMatch((p) -> p.actions().contains("*"));
	}

	/**
	 * Whether an assignment's role can change the resource and, for Owner-like roles,
	 * grant access to it: Owner, Contributor, User Access Administrator, RBAC
	 * Administrator or a custom role with {@code *}.
	 */
	static boolean isPrivileged(RoleAssignment assignment, WorkspaceGraph graph) {
		String guid = assignment.roleDefinitionGuid();
		if (NAMES.containsKey(guid)) {
			return true;
		}
		var definition = graph.snapshot().roleDefinition(guid);
		return definition.isPresent() && grantsEverything(definition.value());
	}

	/**
	 * Whether an assignment's role can grant access to others: Owner, User Access
	 * Administrator, RBAC Administrator or a custom role with {@code *}.
	 */
	static boolean canGrantAccess(RoleAssignment assignment, WorkspaceGraph graph) {
		return !CONTRIBUTOR.equals(assignment.roleDefinitionGuid()) && isPrivileged(assignment, graph);
	}

}
