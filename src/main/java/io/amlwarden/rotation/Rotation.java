package io.amlwarden.rotation;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A rotation (table {@code rotation}): one new key version carried to every dependent.
 * Its columns are grouped by what they describe: the {@link Key} and its versions, the
 * {@link Plan} it was started from (request, approval, window), its {@link Progress}
 * through the steps (with the worker's lease) and its {@link Outcome}. {@code step} is
 * the last step that was recorded, so that whichever replica resumes the rotation after a
 * crash continues from there.
 *
 * @param id the rotation id
 * @param createdAt when the rotation was created
 * @param key the key and its versions
 * @param plan the request, approval and window
 * @param progress status, step, retries and lease
 * @param outcome when it started and finished, and why it failed
 */
record Rotation(UUID id, Instant createdAt, Key key, Plan plan, Progress progress, Outcome outcome) {

	Status status() {
		return this.progress.status();
	}

	Step step() {
		return this.progress.step();
	}

	/**
	 * This rotation moved to a status and step at {@code now}: the next attempt is due at
	 * once.
	 */
	Rotation moveTo(Status status, Step step, Instant now) {
		return withProgress(new Progress(status, step, this.progress.attempts(), now, this.progress.rotateRequestedAt(),
				this.progress.lockedBy(), this.progress.lockedUntil(), this.progress.lockToken(), now));
	}

	/** This rotation ended at {@code now} in a final status. */
	Rotation endedAs(Status status, Instant now, @Nullable String error) {
		return moveTo(status, Step.DONE, now).withOutcome(new Outcome(this.outcome.startedAt(), now, error));
	}

	Rotation withKey(Key key) {
		return new Rotation(this.id, this.createdAt, key, this.plan, this.progress, this.outcome);
	}

	Rotation withPlan(Plan plan) {
		return new Rotation(this.id, this.createdAt, this.key, plan, this.progress, this.outcome);
	}

	Rotation withProgress(Progress progress) {
		return new Rotation(this.id, this.createdAt, this.key, this.plan, progress, this.outcome);
	}

	Rotation withOutcome(Outcome outcome) {
		return new Rotation(this.id, this.createdAt, this.key, this.plan, this.progress, outcome);
	}

	/** Records the start at {@code now} unless the rotation had already started. */
	Rotation started(Instant now) {
		return (this.outcome.startedAt() != null) ? this
				: withOutcome(new Outcome(now, this.outcome.finishedAt(), this.outcome.error()));
	}

	/**
	 * The key being rotated and its versions.
	 *
	 * @param keyId the key's ARM id
	 * @param vaultId the vault's ARM id
	 * @param vaultUrl the vault's data-plane URL
	 * @param keyName the key's name
	 * @param fromVersion the version dependents used before, once known
	 * @param toVersion the new version, once created or adopted
	 * @param toKid the new version's key identifier
	 */
	record Key(String keyId, String vaultId, String vaultUrl, String keyName, @Nullable String fromVersion,
			@Nullable String toVersion, @Nullable String toKid) {

		PlanView.KeyRef ref() {
			return new PlanView.KeyRef(this.vaultId, this.vaultUrl, this.keyName, this.keyId);
		}

		@Nullable String fromKid() {
			return (this.fromVersion != null) ? this.vaultUrl + "/keys/" + this.keyName + "/" + this.fromVersion : null;
		}

		Key withFromVersion(@Nullable String version) {
			return new Key(this.keyId, this.vaultId, this.vaultUrl, this.keyName, version, this.toVersion, this.toKid);
		}

		Key withTo(@Nullable String version, @Nullable String kid) {
			return new Key(this.keyId, this.vaultId, this.vaultUrl, this.keyName, this.fromVersion, version, kid);
		}

	}

	/**
	 * Why the rotation exists: the plan and policy it came from, who asked and who
	 * approved, and the window it must start in.
	 *
	 * @param planId the plan, if any (an out-of-band rotation has none)
	 * @param policyId the policy, if any
	 * @param trigger what started it
	 * @param requestedBy who asked
	 * @param requestedByName their display name
	 * @param approvedBy who approved
	 * @param approvedAt when
	 * @param approvalExpiresAt when the approval lapses if the rotation has not started
	 * @param idempotencyKey the caller's idempotency key
	 * @param requestHash the hash of the request that key was used with
	 * @param windowStart the start of the window it must start in
	 * @param windowEnd the end of that window
	 * @param jitterSeconds the offset applied within the window
	 */
	record Plan(@Nullable UUID planId, @Nullable UUID policyId, Trigger trigger, String requestedBy,
			@Nullable String requestedByName, @Nullable String approvedBy, @Nullable Instant approvedAt,
			@Nullable Instant approvalExpiresAt, @Nullable String idempotencyKey, @Nullable String requestHash,
			@Nullable Instant windowStart, @Nullable Instant windowEnd, @Nullable Long jitterSeconds) {

		Plan withApproval(@Nullable String by, @Nullable Instant at, @Nullable Instant expires) {
			return new Plan(this.planId, this.policyId, this.trigger, this.requestedBy, this.requestedByName, by, at,
					expires, this.idempotencyKey, this.requestHash, this.windowStart, this.windowEnd,
					this.jitterSeconds);
		}

	}

	/**
	 * Where the rotation is: status and last recorded step, retries, the recorded time of
	 * the rotate call, and the lease of the worker holding it.
	 *
	 * @param status the status
	 * @param step the last recorded step
	 * @param attempts failed attempts so far
	 * @param nextAttemptAt when a worker may pick it up next
	 * @param rotateRequestedAt when Key Vault was asked for a new version (recorded
	 * before the call)
	 * @param lockedBy the worker holding the lease
	 * @param lockedUntil when the lease lapses
	 * @param lockToken the lease token
	 * @param updatedAt when the row last changed
	 */
	record Progress(Status status, Step step, int attempts, Instant nextAttemptAt, @Nullable Instant rotateRequestedAt,
			@Nullable String lockedBy, @Nullable Instant lockedUntil, @Nullable UUID lockToken, Instant updatedAt) {

		Progress withRetry(int attempts, Instant nextAttemptAt) {
			return new Progress(this.status, this.step, attempts, nextAttemptAt, this.rotateRequestedAt, this.lockedBy,
					this.lockedUntil, this.lockToken, this.updatedAt);
		}

		Progress withRotateRequestedAt(@Nullable Instant at) {
			return new Progress(this.status, this.step, this.attempts, this.nextAttemptAt, at, this.lockedBy,
					this.lockedUntil, this.lockToken, this.updatedAt);
		}

	}

	/**
	 * When the rotation started and finished, and the error it stopped or waits on.
	 *
	 * @param startedAt when a worker first started it
	 * @param finishedAt when it reached a final status
	 * @param error why it failed or was deferred
	 */
	record Outcome(@Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error) {

		static final Outcome NONE = new Outcome(null, null, null);

		Outcome withError(@Nullable String error) {
			return new Outcome(this.startedAt, this.finishedAt, error);
		}

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
