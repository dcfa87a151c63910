package io.amlwarden.rotation;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A rotation (table {@code rotation}): one new key version carried to every dependent.
 * {@code step} is the last step that was recorded, so that whichever replica resumes the
 * rotation after a crash continues from there.
 */
record Rotation(UUID id, @Nullable UUID planId, @Nullable UUID policyId, String keyId, String vaultId, String vaultUrl,
		String keyName, Trigger trigger, Status status, Step step, @Nullable String fromVersion,
		@Nullable String toVersion, @Nullable String toKid, String requestedBy, @Nullable String requestedByName,
		@Nullable String approvedBy, @Nullable Instant approvedAt, @Nullable Instant approvalExpiresAt,
		@Nullable String idempotencyKey, @Nullable String requestHash, @Nullable Instant windowStart,
		@Nullable Instant windowEnd, @Nullable Long jitterSeconds, int attempts, Instant nextAttemptAt,
		@Nullable Instant rotateRequestedAt, @Nullable String lockedBy, @Nullable Instant lockedUntil,
		@Nullable UUID lockToken, @Nullable String error, Instant createdAt, @Nullable Instant startedAt,
		@Nullable Instant finishedAt, Instant updatedAt) {

	PlanView.KeyRef key() {
		return new PlanView.KeyRef(this.vaultId, this.vaultUrl, this.keyName, this.keyId);
	}

	@Nullable String fromKid() {
		return (this.fromVersion != null) ? this.vaultUrl + "/keys/" + this.keyName + "/" + this.fromVersion : null;
	}

	enum Trigger {

		SCHEDULED, ON_DEMAND, NEAR_EXPIRY, OUT_OF_BAND

	}

	enum Status {

		/** Waiting for an Admin's approval. */
		PLANNED,

		/** May start. */
		APPROVED,

		/** Checking, rotating or updating dependents. */
		RUNNING,

		/**
		 * Every updated dependent is verified; waiting for dependents that follow on
		 * their own.
		 */
		PROPAGATING,

		/** Every dependent uses the new version. */
		VERIFIED,

		/**
		 * Azure cannot take the change for now (vault read-only, region); retried later.
		 */
		DEFERRED,

		/** Stopped; the error and the dependents say why. */
		FAILED,

		/** Dependents were pointed back at the previous version. */
		ROLLED_BACK;

		boolean inFlight() {
			return this == PLANNED || this == APPROVED || this == RUNNING || this == PROPAGATING || this == DEFERRED;
		}

	}

	enum Step {

		/** Re-check the plan against Azure. */
		PREFLIGHT,

		/** Rotation requested from Key Vault (recorded before the call). */
		ROTATING,

		/** New version known; dependents being updated. */
		PROPAGATING,

		/** Waiting for dependents that follow the latest version on their own. */
		AWAITING,

		/** Pointing dependents back at the previous version. */
		ROLLING_BACK,

		/** Nothing left to do. */
		DONE

	}

}
