package io.amlwarden.access;

import java.util.Locale;
import java.util.Optional;

/**
 * The least-privilege signal catalogue: each a documented rule over one role assignment
 * in a snapshot, with the check id its findings carry. The severity here is the default;
 * {@link #ADMIN_AT_BROAD_SCOPE} is raised to CRITICAL for users.
 */
enum Signal {

	/**
	 * Owner, User Access Administrator or Role Based Access Control Administrator at
	 * subscription or management-group scope: can grant itself or anyone any role.
	 */
	ADMIN_AT_BROAD_SCOPE("rbac-owner-at-subscription",
			"Owner / User Access Administrator / RBAC Administrator at subscription or management-group scope", "HIGH",
			"Assign the role at the resource group or workspace that needs it, through PIM where possible; keep "
					+ "standing subscription-wide administrators to the break-glass accounts."),

	/**
	 * Contributor or a role with {@code *} actions on the whole subscription (or above),
	 * reaching every workspace in it when one resource group or workspace would do.
	 */
	CONTRIBUTOR_AT_SUBSCRIPTION("rbac-contributor-at-subscription",
			"Contributor or broader on the workspace's subscription", "HIGH",
			"Re-assign the role at the workspace or its resource group, then remove the subscription-scope "
					+ "assignment."),

	/** A custom role whose actions include {@code *} or authorization writes. */
	CUSTOM_ROLE_WILDCARD("rbac-custom-role-wildcard",
			"Custom role with '*' or 'Microsoft.Authorization/*/write' actions", "HIGH",
			"Replace the wildcard with the actions the role needs; never grant Microsoft.Authorization writes "
					+ "through a custom role."),

	/** A user assigned directly rather than through a group. */
	DIRECT_USER_ASSIGNMENT("rbac-direct-user-assignment", "Direct user assignment where a group would do", "MEDIUM",
			"Assign the role to a group and manage membership instead (assignments count toward the "
					+ "4,000-per-subscription limit)."),

	/** A B2B guest holding a role that can change resources. */
	GUEST_WITH_WRITE_ROLE("rbac-guest-write-role", "Guest principal with a write role", "HIGH",
			"Remove the guest's write access or replace it with a read-only role; review guests regularly."),

	/**
	 * A service principal or managed identity with Owner or Contributor on a
	 * subscription.
	 */
	WORKLOAD_PRIVILEGED_AT_SUBSCRIPTION("rbac-sp-privileged-at-subscription",
			"Service principal or managed identity with Owner or Contributor at subscription scope", "HIGH",
			"Give the workload a narrower role at the resource group or resource it manages."),

	/** The principal is gone from the directory, and not in its deleted items. */
	ORPHANED_ASSIGNMENT("rbac-orphaned-assignment", "Orphaned role assignment (principal deleted)", "MEDIUM",
			"Remove the assignment: the principal no longer exists and cannot be restored."),

	/** The principal is in the directory's deleted items: restorable, so held. */
	SOFT_DELETED_PRINCIPAL("rbac-soft-deleted-principal", "Role assignment of a soft-deleted principal", "INFO",
			"Held: the principal can still be restored with its access. Remove the assignment only after the "
					+ "principal is purged or confirmed gone."),

	/**
	 * A data-plane-powerful role on a workspace (or Key Vault Crypto Officer on its CMK
	 * vault) given to a person rather than a group.
	 */
	DATA_PLANE_ROLE_TO_USER("rbac-data-plane-role-to-user",
			"Data-plane-powerful workspace role assigned to a person rather than a group", "MEDIUM",
			"Assign the role to a group whose membership is reviewed, or use PIM for just-in-time access."),

	/** A role configured as needing an ABAC condition, assigned without one. */
	MISSING_ABAC_CONDITION("rbac-missing-abac-condition", "Assignment without the expected ABAC condition", "MEDIUM",
			"Add a condition that constrains what the role may do (e.g. which roles may be delegated).");

	/** Category of every access finding. */
	static final String CATEGORY = "ACCESS";

	private final String checkId;

	private final String title;

	private final String severity;

	private final String remediation;

	Signal(String checkId, String title, String severity, String remediation) {
		this.checkId = checkId;
		this.title = title;
		this.severity = severity;
		this.remediation = remediation;
	}

	String checkId() {
		return this.checkId;
	}

	String title() {
		return this.title;
	}

	String severity() {
		return this.severity;
	}

	String remediation() {
		return this.remediation;
	}

	/**
	 * Finds a signal by its check id or enum name, ignoring case.
	 */
	static Optional<Signal> parse(String value) {
		for (Signal signal : values()) {
			if (signal.checkId.equalsIgnoreCase(value) || signal.name().equalsIgnoreCase(value.replace('-', '_'))) {
				return Optional.of(signal);
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return this.checkId.toLowerCase(Locale.ROOT);
	}

}
