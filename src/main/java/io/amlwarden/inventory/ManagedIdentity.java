package io.amlwarden.inventory;

import java.util.Map;

/**
 * The managed identity block of a resource.
 *
 * @param type as returned, e.g. {@code SystemAssigned,UserAssigned} or {@code None}
 * @param principalId the system-assigned identity's object id, if any
 * @param tenantId the identity's tenant
 * @param userAssigned user-assigned identities by lower-cased ARM id
 */
public record ManagedIdentity(String type, String principalId, String tenantId,
		Map<String, UserAssignedIdentity> userAssigned) {

	public ManagedIdentity {
		userAssigned = (userAssigned != null) ? Map.copyOf(userAssigned) : Map.of();
	}

	public static ManagedIdentity none() {
		return new ManagedIdentity("None", null, null, Map.of());
	}

	public boolean hasSystemAssigned() {
		return this.type != null && this.type.toLowerCase(java.util.Locale.ROOT).contains("systemassigned");
	}

	public boolean hasUserAssigned() {
		return (this.type != null && this.type.toLowerCase(java.util.Locale.ROOT).contains("userassigned"))
				|| !this.userAssigned.isEmpty();
	}

	/**
	 * One user-assigned identity.
	 */
	public record UserAssignedIdentity(String principalId, String clientId) {
	}

}
