package io.amlwarden.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.amlwarden.findings.Observation;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.Principal;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.RoleDefinition;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.Workspace;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates the signal catalogue over a snapshot: a pure function of the snapshot, the
 * management-group assignments each subscription inherits, and the policy. Every
 * assignment that reaches a workspace (at the workspace, its resource group, its
 * subscription or a management group above it, or on the workspace's CMK vault) is
 * evaluated once, whatever number of workspaces it reaches.
 */
final class SignalEvaluator {

	// Built-in role definition GUIDs: identical in every tenant, unlike role names,
	// which a custom role may imitate.
	static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

	static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";

	static final String USER_ACCESS_ADMINISTRATOR = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

	static final String RBAC_ADMINISTRATOR = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";

	static final String KEY_VAULT_CRYPTO_OFFICER = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603";

	private static final Set<String> ADMIN_ROLES = Set.of(OWNER, USER_ACCESS_ADMINISTRATOR, RBAC_ADMINISTRATOR);

	private static final Set<String> WILDCARD_ACTIONS = Set.of("*", "microsoft.authorization/*",
			"microsoft.authorization/*/write", "microsoft.authorization/roleassignments/write");

	private final AccessPolicy policy;

	SignalEvaluator(AccessPolicy policy) {
		this.policy = policy;
	}

	/**
	 * Evaluates every assignment reaching a workspace of the snapshot.
	 * @param snapshot the inventory
	 * @param inherited per subscription (lower case), the assignments it inherits from
	 * management groups
	 * @return the assessments, ordered by assignment id
	 */
	List<AssignmentAssessment> evaluate(TenantSnapshot snapshot, Map<String, List<RoleAssignment>> inherited) {
		Map<String, Reach> reach = new LinkedHashMap<>();
		for (Workspace workspace : snapshot.workspaces()) {
			if (!snapshot.scope().includesWorkspace(workspace.id())) {
				continue;
			}
			List<RoleAssignment> candidates = new ArrayList<>(snapshot.roleAssignmentsAffecting(workspace.id()));
			candidates.addAll(inherited.getOrDefault(workspace.subscriptionId().toLowerCase(Locale.ROOT), List.of()));
			String cmkVault = (workspace.encryption() != null) ? workspace.encryption().keyVaultArmId() : null;
			if (cmkVault != null) {
				for (RoleAssignment assignment : snapshot.roleAssignments()) {
					if (ArmIds.same(assignment.scope(), cmkVault)) {
						candidates.add(assignment);
					}
				}
			}
			for (RoleAssignment assignment : candidates) {
				Reach entry = reach.computeIfAbsent(ArmIds.key(assignment.id()),
						(key) -> new Reach(assignment, workspace.subscriptionId()));
				entry.workspaces.add(workspace.id());
				if (cmkVault != null && ArmIds.same(assignment.scope(), cmkVault)) {
					entry.onCmkVault = true;
				}
				String scopeKey = ArmIds.key(assignment.scope());
				if (scopeKey != null && (scopeKey.equals(ArmIds.key(workspace.id()))
						|| scopeKey.startsWith(ArmIds.key(workspace.id()) + "/"))) {
					entry.atWorkspace = true;
				}
			}
		}
		List<AssignmentAssessment> assessments = new ArrayList<>();
		for (Reach entry : reach.values()) {
			assessments.add(assess(snapshot, entry));
		}
		assessments.sort(Comparator.comparing((a) -> ArmIds.key(a.assignment().id())));
		return assessments;
	}

	private AssignmentAssessment assess(TenantSnapshot snapshot, Reach reach) {
		RoleAssignment assignment = reach.assignment;
		ReadResult<RoleDefinition> roleRead = snapshot.roleDefinition(assignment.roleDefinitionId());
		RoleDefinition role = roleRead.orElse(null);
		String roleGuid = assignment.roleDefinitionGuid();
		ReadResult<Principal> principalRead = snapshot.principal(assignment.principalId());
		Principal principal = principalRead.orElse(null);
		PrincipalState state = stateOf(principalRead);
		ScopeLevel level = ScopeLevel.of(assignment.scope());
		String kind = principalKind(assignment, principal);
		String roleLabel = (role != null && role.roleName() != null) ? role.roleName() : roleGuid;
		String at = roleLabel + " at " + assignment.scope() + " to " + kind + " " + assignment.principalId();

		List<SignalHit> hits = new ArrayList<>();
		Set<Signal> evaluated = EnumSet.noneOf(Signal.class);
		boolean roleKnown = role != null || ADMIN_ROLES.contains(roleGuid) || CONTRIBUTOR.equals(roleGuid);
		boolean admin = ADMIN_ROLES.contains(roleGuid);
		boolean contributorClass = !admin && (CONTRIBUTOR.equals(roleGuid) || (role != null && grantsAll(role)));
		boolean broad = level == ScopeLevel.SUBSCRIPTION || level == ScopeLevel.MANAGEMENT_GROUP;

		evaluated.add(Signal.ADMIN_AT_BROAD_SCOPE);
		if (admin && broad) {
			hits.add(new SignalHit(Signal.ADMIN_AT_BROAD_SCOPE, "User".equalsIgnoreCase(kind) ? "CRITICAL" : "HIGH",
					at));
		}
		if (roleKnown) {
			evaluated.add(Signal.CONTRIBUTOR_AT_SUBSCRIPTION);
			if (contributorClass && broad) {
				hits.add(
						new SignalHit(Signal.CONTRIBUTOR_AT_SUBSCRIPTION, Signal.CONTRIBUTOR_AT_SUBSCRIPTION.severity(),
								at + "; reaches " + reach.workspaces.size() + " workspace(s)"));
			}
		}
		if (role != null) {
			evaluated.add(Signal.CUSTOM_ROLE_WILDCARD);
			String wildcard = wildcardAction(role);
			if (role.isCustom() && wildcard != null) {
				hits.add(new SignalHit(Signal.CUSTOM_ROLE_WILDCARD, Signal.CUSTOM_ROLE_WILDCARD.severity(),
						"custom role '" + role.roleName() + "' grants '" + wildcard + "'; " + at));
			}
		}
		evaluated.add(Signal.DIRECT_USER_ASSIGNMENT);
		if ("User".equalsIgnoreCase(kind)) {
			hits.add(new SignalHit(Signal.DIRECT_USER_ASSIGNMENT, Signal.DIRECT_USER_ASSIGNMENT.severity(), at));
		}
		if (state != PrincipalState.UNKNOWN && roleKnown) {
			evaluated.add(Signal.GUEST_WITH_WRITE_ROLE);
			if (isGuest(principal) && (admin || contributorClass || (role != null && writes(role)))) {
				hits.add(new SignalHit(Signal.GUEST_WITH_WRITE_ROLE, Signal.GUEST_WITH_WRITE_ROLE.severity(),
						"guest " + principal.userPrincipalName() + ": " + at));
			}
		}
		evaluated.add(Signal.WORKLOAD_PRIVILEGED_AT_SUBSCRIPTION);
		if ("ServicePrincipal".equalsIgnoreCase(kind) && broad
				&& (OWNER.equals(roleGuid) || CONTRIBUTOR.equals(roleGuid))) {
			hits.add(new SignalHit(Signal.WORKLOAD_PRIVILEGED_AT_SUBSCRIPTION,
					Signal.WORKLOAD_PRIVILEGED_AT_SUBSCRIPTION.severity(), at));
		}
		if (state != PrincipalState.UNKNOWN) {
			evaluated.add(Signal.ORPHANED_ASSIGNMENT);
			evaluated.add(Signal.SOFT_DELETED_PRINCIPAL);
			if (state == PrincipalState.ORPHANED) {
				hits.add(new SignalHit(Signal.ORPHANED_ASSIGNMENT, Signal.ORPHANED_ASSIGNMENT.severity(),
						"principal " + assignment.principalId()
								+ " not found by directoryObjects/getByIds nor in directory/deletedItems; " + at));
			}
			if (state == PrincipalState.SOFT_DELETED) {
				hits.add(new SignalHit(Signal.SOFT_DELETED_PRINCIPAL, Signal.SOFT_DELETED_PRINCIPAL.severity(),
						"principal " + assignment.principalId() + " ('" + principal.displayName()
								+ "') is in directory/deletedItems; " + at));
			}
		}
		if (roleKnown) {
			evaluated.add(Signal.DATA_PLANE_ROLE_TO_USER);
			boolean dataPlane = AccessPolicy.matches(this.policy.dataPlaneRoles(), role, roleGuid);
			boolean cryptoOfficer = KEY_VAULT_CRYPTO_OFFICER.equals(roleGuid)
					|| (role != null && "key vault crypto officer".equalsIgnoreCase(role.roleName()));
			boolean applies = cryptoOfficer ? reach.onCmkVault : reach.atWorkspace;
			if ("User".equalsIgnoreCase(kind) && dataPlane && applies) {
				hits.add(new SignalHit(Signal.DATA_PLANE_ROLE_TO_USER, Signal.DATA_PLANE_ROLE_TO_USER.severity(),
						at + (cryptoOfficer ? " (the workspace's CMK vault)" : "")));
			}
			evaluated.add(Signal.MISSING_ABAC_CONDITION);
			if (AccessPolicy.matches(this.policy.abacExpectedRoles(), role, roleGuid)
					&& (assignment.condition() == null || assignment.condition().isBlank())) {
				hits.add(new SignalHit(Signal.MISSING_ABAC_CONDITION, Signal.MISSING_ABAC_CONDITION.severity(),
						at + " has no condition"));
			}
		}
		boolean breakGlass = this.policy.isBreakGlass(assignment.principalId());
		Recommendation recommendation;
		String reason;
		if (breakGlass) {
			recommendation = Recommendation.KEEP;
			reason = "Break-glass principal (configured): reported, never proposed for removal.";
		}
		else if (state == PrincipalState.SOFT_DELETED) {
			recommendation = Recommendation.KEEP;
			reason = "Principal is soft-deleted and can be restored with its access: held, never cleaned up.";
		}
		else if (state == PrincipalState.ORPHANED) {
			recommendation = Recommendation.REMOVE;
			reason = "Principal no longer exists in the directory and is not in its deleted items.";
		}
		else if (hasAny(hits, Signal.GUEST_WITH_WRITE_ROLE)) {
			recommendation = Recommendation.REMOVE;
			reason = "A guest holds a role that can change resources.";
		}
		else if (hasAny(hits, Signal.ADMIN_AT_BROAD_SCOPE, Signal.CONTRIBUTOR_AT_SUBSCRIPTION,
				Signal.WORKLOAD_PRIVILEGED_AT_SUBSCRIPTION, Signal.CUSTOM_ROLE_WILDCARD)) {
			recommendation = Recommendation.REDUCE_SCOPE;
			reason = "Broader than a workspace needs: " + names(hits) + ".";
		}
		else if (state == PrincipalState.UNKNOWN) {
			recommendation = Recommendation.KEEP;
			reason = "Principal could not be resolved; nothing is proposed on missing data.";
		}
		else if (!hits.isEmpty()) {
			recommendation = Recommendation.KEEP;
			reason = "Keep, and fix: " + names(hits) + ".";
		}
		else {
			recommendation = Recommendation.KEEP;
			reason = "No signals.";
		}
		return new AssignmentAssessment(assignment, role, principal, state, breakGlass, reach.subscriptionId,
				List.copyOf(reach.workspaces), hits, evaluated, recommendation, reason);
	}

	/**
	 * The findings ledger's view: one observation per (signal, assignment), failing when
	 * raised, passing when evaluated and not raised, unknown otherwise.
	 */
	static List<Observation> observations(List<AssignmentAssessment> assessments) {
		List<Observation> observations = new ArrayList<>();
		for (AssignmentAssessment assessment : assessments) {
			RoleAssignment assignment = assessment.assignment();
			for (Signal signal : Signal.values()) {
				SignalHit hit = assessment.signals()
					.stream()
					.filter((h) -> h.signal() == signal)
					.findFirst()
					.orElse(null);
				Observation.Outcome outcome = (hit != null) ? Observation.Outcome.FAIL
						: assessment.evaluated().contains(signal) ? Observation.Outcome.PASS
								: Observation.Outcome.UNKNOWN;
				String scope = assignment.scope();
				observations.add(new Observation(signal.checkId(), signal.title(),
						(hit != null) ? hit.severity() : signal.severity(), Signal.CATEGORY, scope, resourceType(scope),
						resourceName(scope), assessment.subscriptionId(), assessment.workspaceIds(), assignment.id(),
						outcome, "roleAssignment", (hit != null) ? truncate(hit.evidence()) : null, signal.title(),
						(hit != null) ? truncate(assessment.reason()) : null, signal.remediation()));
			}
		}
		return observations;
	}

	static PrincipalState stateOf(ReadResult<Principal> principal) {
		if (!principal.isPresent()) {
			return PrincipalState.UNKNOWN;
		}
		Principal value = principal.value();
		if (!value.deleted()) {
			return PrincipalState.ACTIVE;
		}
		// The collector records a deletedItems 404 as a deleted principal with nothing
		// but its id; anything it read from deletedItems carries a type or a name.
		return (value.type() != null || value.displayName() != null) ? PrincipalState.SOFT_DELETED
				: PrincipalState.ORPHANED;
	}

	private static String principalKind(RoleAssignment assignment, @Nullable Principal principal) {
		if (assignment.principalType() != null) {
			return assignment.principalType();
		}
		if (principal != null && principal.type() != null) {
			return switch (principal.type().toLowerCase(Locale.ROOT)) {
				case "user" -> "User";
				case "group" -> "Group";
				case "serviceprincipal" -> "ServicePrincipal";
				default -> principal.type();
			};
		}
		return "Unknown";
	}

	private static boolean isGuest(@Nullable Principal principal) {
		return principal != null && ("guest".equalsIgnoreCase(principal.userType())
				|| (principal.userPrincipalName() != null && principal.userPrincipalName().contains("#EXT#")));
	}

	private static boolean grantsAll(RoleDefinition role) {
		return role.permissions().stream().anyMatch((p) -> p.actions().contains("*"));
	}

	private static @Nullable String wildcardAction(RoleDefinition role) {
		for (RoleDefinition.Permission permission : role.permissions()) {
			for (String action : permission.actions()) {
				if (WILDCARD_ACTIONS.contains(action.toLowerCase(Locale.ROOT))) {
					return action;
				}
			}
		}
		return null;
	}

	/**
	 * Whether any action can change something: anything but {@code .../read}.
	 */
	private static boolean writes(RoleDefinition role) {
		return role.permissions()
			.stream()
			.flatMap((p) -> p.actions().stream())
			.anyMatch((action) -> !action.toLowerCase(Locale.ROOT).endsWith("/read"));
	}

	private static boolean hasAny(List<SignalHit> hits, Signal... signals) {
		Set<Signal> wanted = EnumSet.noneOf(Signal.class);
		wanted.addAll(List.of(signals));
		return hits.stream().anyMatch((hit) -> wanted.contains(hit.signal()));
	}

	private static String names(List<SignalHit> hits) {
		Set<String> names = new LinkedHashSet<>();
		hits.forEach((hit) -> names.add(hit.signal().title()));
		return String.join("; ", names);
	}

	static String resourceType(String scope) {
		return switch (ScopeLevel.of(scope)) {
			case MANAGEMENT_GROUP -> "Microsoft.Management/managementGroups";
			case SUBSCRIPTION -> "Microsoft.Resources/subscriptions";
			case RESOURCE_GROUP -> "Microsoft.Resources/resourceGroups";
			case RESOURCE -> resourceTypeOf(scope);
		};
	}

	private static String resourceTypeOf(String id) {
		String[] parts = id.split("/");
		for (int i = parts.length - 1; i > 0; i--) {
			if ("providers".equalsIgnoreCase(parts[i]) && i + 2 < parts.length) {
				return parts[i + 1] + "/" + parts[i + 2];
			}
		}
		return "resource";
	}

	private static String resourceName(String scope) {
		String name = ArmIds.nameOf(scope);
		return (name == null || name.isBlank()) ? "/" : name;
	}

	private static String truncate(String value) {
		return (value.length() <= 1900) ? value : value.substring(0, 1900) + "…";
	}

	/**
	 * How far up the hierarchy an assignment's scope is.
	 */
	enum ScopeLevel {

		MANAGEMENT_GROUP, SUBSCRIPTION, RESOURCE_GROUP, RESOURCE;

		static ScopeLevel of(String scope) {
			String key = ArmIds.key(scope);
			if (key == null || "/".equals(scope.trim()) || key.startsWith("/providers/microsoft.management/")) {
				return MANAGEMENT_GROUP;
			}
			String[] parts = key.replaceAll("^/", "").split("/");
			if (parts.length <= 2) {
				return SUBSCRIPTION;
			}
			if (parts.length <= 4 && "resourcegroups".equals(parts[2])) {
				return RESOURCE_GROUP;
			}
			return RESOURCE;
		}

	}

	/**
	 * An assignment and the workspaces it reaches.
	 */
	private static final class Reach {

		final RoleAssignment assignment;

		final String subscriptionId;

		final Set<String> workspaces = new LinkedHashSet<>();

		boolean onCmkVault;

		boolean atWorkspace;

		Reach(RoleAssignment assignment, String subscriptionId) {
			this.assignment = assignment;
			this.subscriptionId = subscriptionId;
		}

	}

}
