package io.amlwarden.inventory;

/**
 * A managed online endpoint ({@code .../workspaces/onlineEndpoints}).
 *
 * @param id ARM id
 * @param name endpoint name
 * @param workspaceId the parent workspace
 * @param authMode AMLToken, Key or AADToken
 * @param publicNetworkAccess Enabled or Disabled
 * @param provisioningState e.g. Succeeded
 */
public record OnlineEndpoint(String id, String name, String workspaceId, String authMode, String publicNetworkAccess,
		String provisioningState) {
}
