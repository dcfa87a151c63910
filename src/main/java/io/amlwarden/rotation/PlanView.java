package io.amlwarden.rotation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A stored dry run: what a rotation of one key would do, what it checks first and what
 * blocks it. Executing a plan re-checks it against Azure first.
 *
 * @param id plan id, passed to {@code POST /rotations}
 * @param policyId the policy it was made for, if any
 * @param key the key
 * @param currentVersion the key's current version (the one dependents move away from)
 * @param currentKid its versioned URL
 * @param dependents what will be updated or verified
 * @param checks what execution checks before rotating
 * @param blockers what prevents execution; empty when it may run
 * @param blocked whether any blocker exists
 * @param warnings what could not be confirmed but does not block (e.g. permissions that
 * could not be read); empty in plans stored before warnings existed
 * @param approvalRequired whether an Admin other than the requester must approve
 * @param inventoryAt when the inventory used to find dependents was collected
 * @param createdBy who asked
 * @param createdAt when
 * @param expiresAt after this the plan must be made again
 */
record PlanView(UUID id, @Nullable UUID policyId, KeyRef key, @Nullable String currentVersion,
		@Nullable String currentKid, List<PlannedDependent> dependents, List<String> checks, List<Blocker> blockers,
		boolean blocked, List<Blocker> warnings, boolean approvalRequired, Instant inventoryAt, String createdBy,
		Instant createdAt, Instant expiresAt) {

	PlanView {
		warnings = (warnings != null) ? List.copyOf(warnings) : List.of();
	}

	/**
	 * A key.
	 *
	 * @param vaultId vault ARM id
	 * @param vaultUrl vault data-plane URL
	 * @param keyName key name
	 * @param keyId lower-cased ARM id of the key
	 */
	record KeyRef(String vaultId, String vaultUrl, String keyName, String keyId) {
	}

	/**
	 * A resource that uses the key.
	 *
	 * @param resourceId ARM id
	 * @param kind workspace, storage account with a pinned version, or storage account
	 * that follows the latest version
	 * @param action UPDATE (AML Warden changes it) or VERIFY (it changes on its own)
	 * @param currentKid the versioned key URL it uses now
	 */
	record PlannedDependent(String resourceId, DependentKind kind, DependentAction action,
			@Nullable String currentKid) {
	}

	/**
	 * Something that prevents the rotation (or, among warnings, something that could not
	 * be confirmed).
	 *
	 * @param resourceId the resource concerned, if any
	 * @param code stable code, e.g. {@code service-side-cmk}
	 * @param message what to do about it
	 */
	record Blocker(@Nullable String resourceId, String code, String message) {
	}

	enum DependentKind {

		WORKSPACE, STORAGE_PINNED, STORAGE_AUTO

	}

	enum DependentAction {

		UPDATE, VERIFY

	}

}
