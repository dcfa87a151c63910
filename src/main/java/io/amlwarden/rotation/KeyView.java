package io.amlwarden.rotation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A customer-managed key in scope, with its rotation state.
 *
 * @param keyId lower-cased ARM id
 * @param vaultId vault ARM id
 * @param name key name
 * @param currentVersion current version
 * @param createdAt when the current version was created
 * @param ageDays its age in whole days
 * @param expiresAt when the current version expires, if set
 * @param lastRotationAt when AML Warden last verified a rotation of it, or the current
 * version's creation
 * @param nextDueAt next due rotation under its policy
 * @param policyId its policy, if any
 * @param nativeRotation whether Key Vault's own policy rotates it
 * @param dependents workspaces and storage accounts using it
 */
record KeyView(String keyId, String vaultId, String name, @Nullable String currentVersion, @Nullable Instant createdAt,
		@Nullable Long ageDays, @Nullable Instant expiresAt, @Nullable Instant lastRotationAt,
		@Nullable Instant nextDueAt, @Nullable UUID policyId, boolean nativeRotation, List<String> dependents) {

}
