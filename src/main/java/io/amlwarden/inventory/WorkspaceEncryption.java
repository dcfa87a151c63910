package io.amlwarden.inventory;

/**
 * The customer-managed key settings of a workspace ({@code properties.encryption}).
 *
 * @param status Enabled or Disabled
 * @param keyVaultArmId the vault that holds the key; the key can only ever change to
 * another key in this vault
 * @param keyIdentifier the versioned key URL the workspace uses
 * @param identityClientId client id of the identity used to reach the key, if set
 * @param userAssignedIdentity ARM id of the user-assigned identity used to reach the key,
 * if set
 */
public record WorkspaceEncryption(String status, String keyVaultArmId, String keyIdentifier, String identityClientId,
		String userAssignedIdentity) {

	public boolean isEnabled() {
		return "enabled".equalsIgnoreCase(this.status);
	}

	/**
	 * The key name in {@code https://<vault>/keys/<name>/<version>}, or {@code null}.
	 */
	public String keyName() {
		return KeyUrls.name(this.keyIdentifier);
	}

	/**
	 * The key version in the identifier, or {@code null} for an unversioned identifier.
	 */
	public String keyVersion() {
		return KeyUrls.version(this.keyIdentifier);
	}

}
