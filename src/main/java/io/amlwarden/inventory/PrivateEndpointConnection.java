package io.amlwarden.inventory;

/**
 * A private endpoint connection on a workspace, vault, storage account or registry.
 *
 * @param id the connection's ARM id
 * @param privateEndpointId the private endpoint's ARM id
 * @param status the connection state: Pending, Approved, Rejected, Disconnected, ...
 * @param provisioningState e.g. Succeeded
 */
public record PrivateEndpointConnection(String id, String privateEndpointId, String status, String provisioningState) {

	public boolean isApproved() {
		return "approved".equalsIgnoreCase(this.status);
	}

}
