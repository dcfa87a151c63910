package io.amlwarden.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Entra ID app roles AML Warden understands, as they appear in a token's
 * {@code roles} claim, and what each one implies.
 */
public enum WardenRole {

	/** Reads everything. */
	READER("Warden.Reader"),

	/**
	 * Starts scans, requests and revokes suppressions, manages rotation policies, plans
	 * and starts rotations, runs RBAC signal scans.
	 */
	OPERATOR("Warden.Operator"),

	/** Decides access-review items. */
	REVIEWER("Warden.Reviewer"),

	/**
	 * Everything, plus approving suppressions and rotations, rollbacks, and running
	 * access-review campaigns (define, open, close, apply, re-grant).
	 */
	ADMIN("Warden.Admin");

	private final String appRole;

	WardenRole(String appRole) {
		this.appRole = appRole;
	}

	/**
	 * The app role value as configured on the Entra app registration.
	 * @return the value of the {@code roles} claim entry
	 */
	public String appRole() {
		return this.appRole;
	}

	/**
	 * The Spring Security authority granted for this role.
	 * @return e.g. {@code ROLE_OPERATOR}
	 */
	public String authority() {
		return "ROLE_" + name();
	}

	/**
	 * This role and every role it implies: Admin implies all, Operator and Reviewer imply
	 * Reader.
	 * @return the effective roles, never empty
	 */
	public Set<WardenRole> effectiveRoles() {
		Set<WardenRole> roles = switch (this) {
			case ADMIN -> EnumSet.allOf(WardenRole.class);
			case OPERATOR -> EnumSet.of(OPERATOR, READER);
			case REVIEWER -> EnumSet.of(REVIEWER, READER);
			case READER -> EnumSet.of(READER);
		};
		return Collections.unmodifiableSet(roles);
	}

	/**
	 * Finds the role for a {@code roles} claim entry. App role values are compared
	 * exactly as Entra emits them, ignoring case only so that a registration typed
	 * {@code warden.admin} still works.
	 * @param appRole a value of the {@code roles} claim
	 * @return the role, or empty for roles that are not AML Warden's
	 */
	public static Optional<WardenRole> fromAppRole(String appRole) {
		for (WardenRole role : values()) {
			if (role.appRole.toLowerCase(Locale.ROOT).equals(appRole.toLowerCase(Locale.ROOT))) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

}
