package io.amlwarden.access;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.amlwarden.inventory.RoleDefinition;
import org.jspecify.annotations.Nullable;

/**
 * The configurable part of the signal rules, lower-cased for matching.
 *
 * @param breakGlassPrincipalIds emergency-access principals
 * @param abacExpectedRoles roles (names or GUIDs) expected to carry a condition
 * @param dataPlaneRoles roles (names or GUIDs) powerful on a workspace's data plane
 */
record AccessPolicy(Set<String> breakGlassPrincipalIds, Set<String> abacExpectedRoles, Set<String> dataPlaneRoles) {

	AccessPolicy(List<String> breakGlass, List<String> abac, List<String> dataPlane) {
		this(lower(breakGlass), lower(abac), lower(dataPlane));
	}

	static AccessPolicy defaults() {
		return new AccessPolicy(List.of(),
				List.of("User Access Administrator", "Role Based Access Control Administrator"),
				List.of("AzureML Data Scientist", "AzureML Compute Operator", "Key Vault Crypto Officer"));
	}

	AccessPolicy withBreakGlass(String... principalIds) {
		return new AccessPolicy(lower(List.of(principalIds)), this.abacExpectedRoles, this.dataPlaneRoles);
	}

	AccessPolicy withAbacExpected(String... roles) {
		return new AccessPolicy(this.breakGlassPrincipalIds, lower(List.of(roles)), this.dataPlaneRoles);
	}

	boolean isBreakGlass(@Nullable String principalId) {
		return principalId != null && this.breakGlassPrincipalIds.contains(principalId.toLowerCase(Locale.ROOT));
	}

	static boolean matches(Set<String> roles, @Nullable RoleDefinition role, String roleGuid) {
		return roles.contains(roleGuid) || (role != null && role.roleName() != null
				&& roles.contains(role.roleName().toLowerCase(Locale.ROOT)));
	}

	private static Set<String> lower(List<String> values) {
		return values.stream()
			.filter((value) -> value != null && !value.isBlank())
			.map((value) -> value.trim().toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

}
