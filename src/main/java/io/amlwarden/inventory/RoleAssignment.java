package io.amlwarden.inventory;

import java.time.Instant;

/**
 * An Azure RBAC role assignment.
 *
 * @param id ARM id
 * @param name the assignment GUID
 * @param scope where it applies
 * @param roleDefinitionId as returned (subscription-prefixed or bare)
 * @param principalId the assignee's object id
 * @param principalType User, Group, ServicePrincipal, ForeignGroup, Device
 * @param condition ABAC condition, if any
 * @param conditionVersion condition version
 * @param description description
 * @param createdOn creation time
 * @param updatedOn update time
 * @param createdBy who created it
 * @param updatedBy who last updated it
 * @param delegatedManagedIdentityResourceId for delegated assignments
 */
public record RoleAssignment(String id, String name, String scope, String roleDefinitionId, String principalId,
		String principalType, String condition, String conditionVersion, String description, Instant createdOn,
		Instant updatedOn, String createdBy, String updatedBy, String delegatedManagedIdentityResourceId) {

	/**
	 * The role definition GUID, lower-cased: the only stable way to match definitions.
	 */
	public String roleDefinitionGuid() {
		return ArmIds.roleDefinitionGuid(this.roleDefinitionId);
	}

}
