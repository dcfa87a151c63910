package io.amlwarden.inventory;

/**
 * A directory object (user, group, service principal) referenced by a role assignment, as
 * resolved through Microsoft Graph.
 *
 * @param id object id
 * @param type user, group, servicePrincipal, ...
 * @param displayName display name
 * @param userPrincipalName UPN for users
 * @param userType Member or Guest for users
 * @param accountEnabled whether sign-in is enabled
 * @param deleted whether the object only exists in the directory's deleted items, or not
 * at all
 */
public record Principal(String id, String type, String displayName, String userPrincipalName, String userType,
		Boolean accountEnabled, boolean deleted) {
}
