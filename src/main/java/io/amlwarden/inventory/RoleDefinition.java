package io.amlwarden.inventory;

import java.util.List;

/**
 * A role definition, built-in or custom.
 *
 * @param id ARM id
 * @param name the GUID
 * @param roleName display name, e.g. Owner
 * @param type BuiltInRole or CustomRole
 * @param description description
 * @param assignableScopes scopes it can be assigned at
 * @param permissions permissions
 */
public record RoleDefinition(String id, String name, String roleName, String type, String description,
		List<String> assignableScopes, List<Permission> permissions) {

	public RoleDefinition {
		assignableScopes = (assignableScopes != null) ? List.copyOf(assignableScopes) : List.of();
		permissions = (permissions != null) ? List.copyOf(permissions) : List.of();
	}

	public boolean isCustom() {
		return "customrole".equalsIgnoreCase(this.type);
	}

	public String guid() {
		return ArmIds.roleDefinitionGuid((this.name != null) ? this.name : this.id);
	}

	/**
	 * One permission block.
	 */
	public record Permission(List<String> actions, List<String> notActions, List<String> dataActions,
			List<String> notDataActions) {

		public Permission {
			actions = (actions != null) ? List.copyOf(actions) : List.of();
			notActions = (notActions != null) ? List.copyOf(notActions) : List.of();
			dataActions = (dataActions != null) ? List.copyOf(dataActions) : List.of();
			notDataActions = (notDataActions != null) ? List.copyOf(notDataActions) : List.of();
		}

	}

}
