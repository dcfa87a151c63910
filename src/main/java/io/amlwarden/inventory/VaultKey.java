package io.amlwarden.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Key Vault key, as read from ARM ({@code vaults/keys}) so that vaults with public
 * access disabled still evaluate; attributes are those of the current version.
 *
 * @param id ARM id of the key ({@code .../vaults/<vault>/keys/<name>})
 * @param vaultId ARM id of the vault
 * @param name key name
 * @param keyUri unversioned data-plane URL
 * @param currentVersionUri the current version's URL (the {@code kid})
 * @param keyType RSA, RSA-HSM, EC, ...
 * @param keySize RSA size in bits, if known
 * @param keyOps permitted operations
 * @param enabled whether the current version is enabled
 * @param created creation time of the current version
 * @param updated last update of the current version
 * @param notBefore activation time, if set
 * @param expires expiry time, if set
 * @param recoveryLevel e.g. Recoverable+Purgeable
 * @param tags tags
 * @param rotationPolicy the rotation policy
 * @param versions all versions, when collected
 */
public record VaultKey(String id, String vaultId, String name, String keyUri, String currentVersionUri, String keyType,
		Integer keySize, List<String> keyOps, Boolean enabled, Instant created, Instant updated, Instant notBefore,
		Instant expires, String recoveryLevel, Map<String, String> tags, ReadResult<RotationPolicy> rotationPolicy,
		ReadResult<List<KeyVersion>> versions) {

	public VaultKey {
		keyOps = (keyOps != null) ? List.copyOf(keyOps) : List.of();
		tags = (tags != null) ? Map.copyOf(tags) : Map.of();
		rotationPolicy = (rotationPolicy != null) ? rotationPolicy : ReadResult.notCollected();
		versions = (versions != null) ? versions : ReadResult.notCollected();
	}

	public String currentVersion() {
		return KeyUrls.version(this.currentVersionUri);
	}

	/**
	 * One version of a key.
	 *
	 * @param version the version id
	 * @param kid the versioned key URL
	 * @param enabled whether the version is enabled
	 * @param created creation time
	 * @param updated last update
	 * @param notBefore activation time
	 * @param expires expiry time
	 */
	public record KeyVersion(String version, String kid, Boolean enabled, Instant created, Instant updated,
			Instant notBefore, Instant expires) {
	}

}
