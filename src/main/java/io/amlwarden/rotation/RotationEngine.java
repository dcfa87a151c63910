package io.amlwarden.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.amlwarden.azure.CmkCallException;
import io.amlwarden.azure.CmkOperations;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.rotation.Rotation.Status;
import io.amlwarden.rotation.Rotation.Step;
import io.amlwarden.rotation.RotationStore.DependentRow;
import io.amlwarden.rotation.RotationStore.DependentState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a claimed rotation through its steps: preflight (the plan still matches Azure, or
 * it is re-planned), rotate in Key Vault, update and verify each dependent, then wait for
 * dependents that follow the latest version on their own. Each step is recorded (with an
 * append-only event) before the next begins, fenced by the claim's lease token, so a
 * replica that dies leaves a rotation that another resumes from the recorded step.
 * <p>
 * The step {@code ROTATING} is recorded <em>before</em> Key Vault is asked for a new
 * version. A worker resuming a rotation in that step first reads the key: a current
 * version other than the one preflight saw is adopted (the crashed worker's call went
 * through), so a crash never creates a second version.
 * <p>
 * The previous version is never disabled: dependents that lag behind keep working, and
 * rollback can point them back.
 */
@Service
class RotationEngine {

	private static final Logger logger = LoggerFactory.getLogger(RotationEngine.class);

	/**
	 * The tag AML Warden puts on each key version it creates; the value is the rotation
	 * id.
	 */
	static final String MARKER_TAG = "aml-warden-rotation";

	/**
	 * How far Key Vault's clock may be behind ours when an untagged version's creation
	 * time is compared with the recorded time of our rotate call.
	 */
	static final Duration MARKER_CLOCK_SKEW = Duration.ofMinutes(2);

	private final RotationStore store;

	private final PlanService plans;

	private final CmkOperations azure;

	private final PolicyStore policies;

	private final RotationNotices notices;

	private final TransactionTemplate tx;

	private final RotationProperties properties;

	private final Clock clock;

	RotationEngine(RotationStore store, PlanService plans, CmkOperations azure, PolicyStore policies,
			RotationNotices notices, TransactionTemplate tx, RotationProperties properties, Clock clock) {
		this.store = store;
		this.plans = plans;
		this.azure = azure;
		this.policies = policies;
		this.notices = notices;
		this.tx = tx;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Runs a claimed rotation as far as it can go now, then releases the claim.
	 * @param claimed the rotation as claimed
	 * @param token the claim's lease token
	 */
	void run(Rotation claimed, UUID token) {
		Rotation current = claimed;
		try {
			current = resume(current, token);
			while (current != null && current.step() != Step.DONE) {
				renew(current, token);
				Rotation next = step(current, token);
				if (next == null || next.step() == current.step() && next.status() == current.status()) {
					break;
				}
				current = next;
			}
		}
		catch (LeaseLost ex) {
			logger.warn("Rotation {} was taken over by another worker; stopping here", claimed.id());
			return;
		}
		catch (CmkCallException ex) {
			if (current != null) {
				failed(current, token, ex);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Rotation {} failed unexpectedly; it will be retried", claimed.id(), ex);
			if (current != null) {
				Rotation failedAt = current;
				retryLater(failedAt, token, "unexpected error: " + ex.getClass().getSimpleName(), List.of());
			}
		}
		finally {
			this.tx.executeWithoutResult((status) -> this.store.release(claimed.id(), token));
		}
	}

	/**
	 * Runs one step and records it.
	 * @return the rotation after the step, or {@code null} when it must wait
	 */
	@Nullable Rotation step(Rotation r, UUID token) {
		return switch (r.step()) {
			case PREFLIGHT -> preflight(r, token);
			case ROTATING -> rotate(r, token);
			case PROPAGATING -> propagate(r, token);
			case AWAITING -> awaitFollowers(r, token);
			case ROLLING_BACK -> rollBack(r, token);
			case DONE -> null;
		};
	}

	/** A claimed rotation that was approved or deferred becomes RUNNING again. */
	private Rotation resume(Rotation r, UUID token) {
		if (r.status() == Status.APPROVED || r.status() == Status.DEFERRED) {
			Status to = (r.step() == Step.AWAITING) ? Status.PROPAGATING : Status.RUNNING;
			Instant now = now();
			return write(r, token,
					with(r, to, r.step(), now).startedAt((r.startedAt() != null) ? r.startedAt() : now).build(),
					(r.status() == Status.APPROVED) ? "STARTED" : "RESUMED", null, null, List.of());
		}
		return r;
	}

	/**
	 * Checks that the plan still matches Azure; re-plans (recording what changed) when it
	 * does not, and fails when something now blocks the rotation.
	 */
	Rotation preflight(Rotation r, UUID token) {
		Instant now = now();
		if (r.approvalExpiresAt() != null && r.approvalExpiresAt().isBefore(now)) {
			return finish(r, token, Status.FAILED,
					"approval expired at " + r.approvalExpiresAt() + " before the rotation started; approve a new plan",
					"APPROVAL_EXPIRED");
		}
		PlanService.Assessment assessment = this.plans.assess(r.key());
		if (!assessment.blockers().isEmpty() || assessment.current() == null) {
			String blockers = assessment.blockers()
				.stream()
				.map((b) -> b.code() + ((b.resourceId() != null) ? " (" + b.resourceId() + ")" : "") + ": "
						+ b.message())
				.collect(Collectors.joining("; "));
			return finish(r, token, Status.FAILED, "preflight blocked: " + blockers, "PREFLIGHT_BLOCKED");
		}
		List<DependentRow> recorded = this.store.dependents(r.id());
		Set<String> planned = recorded.stream().map(DependentRow::resourceKey).collect(Collectors.toSet());
		Set<String> actual = assessment.dependents()
			.stream()
			.map((d) -> ArmIds.key(d.resourceId()))
			.collect(Collectors.toSet());
		String version = assessment.current().version();
		List<String> changes = new ArrayList<>();
		if (r.fromVersion() != null && !r.fromVersion().equalsIgnoreCase(version)) {
			changes.add("current version is now " + version + " (planned " + r.fromVersion() + ")");
		}
		if (!planned.equals(actual)) {
			changes.add("dependents changed from " + planned.size() + " to " + actual.size());
		}
		VaultKey.KeyVersion fresh = assessment.current();
		if (r.trigger() == Rotation.Trigger.SCHEDULED && r.fromVersion() != null
				&& !r.fromVersion().equalsIgnoreCase(version) && fresh.created() != null
				&& fresh.created().isAfter(now.minus(this.properties.outOfBandQuietPeriod()))) {
			// Someone (Key Vault's own policy, a person) created a version moments ago:
			// carry that one instead of rotating twice in a row.
			Rotation adopted = with(r, r.status(), Step.PROPAGATING, now).toVersion(version)
				.toKid(fresh.kid())
				.startedAt((r.startedAt() != null) ? r.startedAt() : now)
				.build();
			return inTx(() -> {
				this.store.deleteDependents(r.id());
				assessment.dependents().forEach((d) -> this.store.insertDependent(r.id(), d, now));
				this.store.knownVersion(r.keyId(), version, "OUT_OF_BAND", fresh.created(), now);
				Rotation saved = save(adopted, token);
				event(saved, "RECENT_VERSION_ADOPTED", null, null, "version " + version + " was created at "
						+ fresh.created() + ", within the quiet period; it is propagated instead of rotating again",
						List.of());
				return saved;
			});
		}
		Rotation next = with(r, r.status(), Step.ROTATING, now).fromVersion(version)
			.rotateRequestedAt(null)
			.startedAt((r.startedAt() != null) ? r.startedAt() : now)
			.build();
		return inTx(() -> {
			if (!changes.isEmpty()) {
				this.store.deleteDependents(r.id());
				assessment.dependents().forEach((d) -> this.store.insertDependent(r.id(), d, now));
			}
			this.store.knownVersion(r.keyId(), version, "BASELINE", assessment.current().created(), now);
			Rotation saved = save(next, token);
			if (!changes.isEmpty()) {
				event(saved, "REPLANNED", null, null, String.join("; ", changes), List.of());
			}
			String warnings = assessment.warnings()
				.stream()
				.map((w) -> "; warning " + w.code() + ((w.resourceId() != null) ? " (" + w.resourceId() + ")" : "")
						+ ": " + w.message())
				.collect(Collectors.joining());
			event(saved, "PREFLIGHT_PASSED", null, null, assessment.dependents().size() + " dependents; "
					+ String.join("; ", assessment.checks()) + warnings, List.of());
			return saved;
		});
	}

	/**
	 * Creates the new version and marks it with this rotation's id, or adopts the version
	 * an earlier attempt of this rotation created. Only that version is adopted: one
	 * created by anyone else since preflight is recorded as {@code OUT_OF_BAND} and a
	 * version of our own is created after it.
	 * <p>
	 * How a version is known to be ours: right after {@code rotate} the new version is
	 * tagged {@value #MARKER_TAG}{@code =<rotation id>}. A worker can die between the two
	 * calls, so the time of the rotate call is also recorded (fenced) before Key Vault is
	 * asked; an untagged version created after that time, when it is the only one, is
	 * taken to be the one that call created, and tagged now.
	 */
	Rotation rotate(Rotation r, UUID token) {
		String fromVersion = required(r.fromVersion());
		String marker = r.id().toString();
		List<CmkOperations.MarkedVersion> newer = newerThan(this.azure.markedVersions(r.vaultUrl(), r.keyName()),
				fromVersion, r.createdAt());
		CmkOperations.MarkedVersion ours = newer.stream()
			.filter((v) -> marker.equalsIgnoreCase(v.tags().get(MARKER_TAG)))
			.reduce((a, b) -> b)
			.orElse(null);
		boolean unmarked = false;
		if (ours == null && r.rotateRequestedAt() != null) {
			Instant since = r.rotateRequestedAt().minus(MARKER_CLOCK_SKEW);
			List<CmkOperations.MarkedVersion> candidates = newer.stream()
				.filter((v) -> !v.tags().containsKey(MARKER_TAG) && v.version().created() != null
						&& !v.version().created().isBefore(since))
				.toList();
			if (candidates.size() == 1) {
				ours = candidates.get(0);
				unmarked = true;
			}
		}
		CmkOperations.MarkedVersion adopted = ours;
		List<CmkOperations.MarkedVersion> others = newer.stream().filter((v) -> v != adopted).toList();
		if (!others.isEmpty()) {
			outOfBand(r, token, others);
		}
		VaultKey.KeyVersion created;
		List<String> requestIds = new ArrayList<>();
		String type;
		String detail;
		Rotation base;
		if (ours != null) {
			base = r;
			created = ours.version();
			type = "VERSION_ADOPTED";
			detail = "new version " + created.version()
					+ (unmarked ? " (created after this rotation asked Key Vault, before it could mark the version)"
							: " (marked with this rotation's id)");
			if (unmarked) {
				requestIds.addAll(mark(r, token, created.version()));
			}
		}
		else {
			Rotation recorded = recordRotateCall(r, token);
			CmkOperations.Result<VaultKey.KeyVersion> result = this.azure.rotate(recorded.vaultUrl(),
					recorded.keyName());
			created = result.value();
			requestIds.addAll(result.requestIds());
			requestIds.addAll(mark(recorded, token, created.version()));
			type = "KEY_ROTATED";
			detail = "new version " + created.version();
			base = recorded;
		}
		Instant now = now();
		Rotation next = with(base, base.status(), Step.PROPAGATING, now).toVersion(created.version())
			.toKid(created.kid())
			.build();
		List<String> ids = requestIds;
		return inTx(() -> {
			Rotation saved = save(next, token);
			this.store.knownVersion(r.keyId(), created.version(), "WARDEN", created.created(), now);
			event(saved, type, null, null, detail, ids);
			// The schedule restarts from the new version.
			this.policies.findByKey(r.keyId()).ifPresent((p) -> {
				Instant anchor = (created.created() != null) ? created.created() : now;
				Policy updated = PolicyService.withDue(new Policy(p.id(), p.name(), p.targetKind(), p.workspaceId(),
						p.vaultId(), p.vaultUrl(), p.keyName(), p.keyId(), p.rotationPeriod(), p.expiry(),
						p.windowDays(), p.windowStartHour(), p.windowEndHour(), p.maxJitter(), p.notifyBefore(),
						p.approvalRequired(), p.nativeRotation(), p.enabled(), anchor, null, null, null, p.createdBy(),
						p.createdAt(), now, p.version()));
				this.policies.schedule(p.id(), anchor, updated.nextDueAt(), updated.nextDueReason(), null, now);
			});
			return saved;
		});
	}

	/**
	 * Records, fenced, that this rotation is about to ask Key Vault for a new version: a
	 * worker resuming after a crash then knows that an untagged version created since may
	 * be the one this call created.
	 */
	Rotation recordRotateCall(Rotation r, UUID token) {
		Instant asked = now();
		return write(r, token, with(r, r.status(), Step.ROTATING, asked).rotateRequestedAt(asked).build(),
				"ROTATE_REQUESTED", null, "from version " + r.fromVersion(), List.of());
	}

	/**
	 * Tags a version this rotation created with its id. A refusal (e.g. the identity
	 * lacks the key {@code update} permission) does not stop the rotation, whose own
	 * record names the version; it is noted as an event.
	 */
	private List<String> mark(Rotation r, UUID token, String version) {
		try {
			return this.azure.tagVersion(r.vaultUrl(), r.keyName(), version, MARKER_TAG, r.id().toString())
				.requestIds();
		}
		catch (CmkCallException ex) {
			inTx(() -> {
				renewInTx(r, token);
				event(r, "VERSION_MARK_FAILED", null, null, "could not tag version " + version + ": " + ex.getMessage(),
						ex.requestIds());
				return r;
			});
			return List.of();
		}
	}

	/** Records versions someone else created since preflight; they are not adopted. */
	private void outOfBand(Rotation r, UUID token, List<CmkOperations.MarkedVersion> versions) {
		Instant now = now();
		inTx(() -> {
			renewInTx(r, token);
			for (CmkOperations.MarkedVersion v : versions) {
				String version = v.version().version();
				boolean fresh = this.store.jdbc()
					.queryForList("SELECT 1 FROM rotation_key_version WHERE key_id = ? AND version = ?", Integer.class,
							r.keyId(), version)
					.isEmpty();
				if (!fresh) {
					continue;
				}
				this.store.knownVersion(r.keyId(), version, "OUT_OF_BAND", v.version().created(), now);
				event(r, "OUT_OF_BAND_VERSION", null, null, "version " + version + " (created " + v.version().created()
						+ ") was not created by this rotation; it is not adopted", List.of());
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("rotationId", r.id().toString());
				data.put("keyId", r.keyId());
				data.put("version", version);
				this.notices.publish("key.out-of-band-version", r.keyId(), data);
			}
			return r;
		});
	}

	/**
	 * The versions created after {@code fromVersion} (by creation time; Key Vault does
	 * not promise an order), newest last.
	 */
	static List<CmkOperations.MarkedVersion> newerThan(List<CmkOperations.MarkedVersion> versions, String fromVersion,
			Instant fallback) {
		Instant from = versions.stream()
			.filter((v) -> v.version().version().equalsIgnoreCase(fromVersion))
			.map((v) -> v.version().created())
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(fallback);
		return versions.stream()
			.filter((v) -> !v.version().version().equalsIgnoreCase(fromVersion))
			.filter((v) -> v.version().created() == null || !v.version().created().isBefore(from))
			.sorted(java.util.Comparator.comparing((CmkOperations.MarkedVersion v) -> v.version().created(),
					java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
			.toList();
	}

	/**
	 * Updates and verifies every dependent AML Warden changes, then checks those that
	 * follow on their own.
	 */
	@Nullable Rotation propagate(Rotation r, UUID token) {
		String toKid = required(r.toKid());
		String toVersion = required(r.toVersion());
		for (DependentRow dependent : this.store.dependents(r.id())) {
			if (dependent.state() != DependentState.PENDING || dependent.action() != PlanView.DependentAction.UPDATE) {
				continue;
			}
			renew(r, token);
			try {
				List<String> requestIds = (dependent.kind() == PlanView.DependentKind.WORKSPACE)
						? updateWorkspace(dependent, toKid) : updateStorage(r, dependent, toVersion, toKid);
				dependentDone(r, token, dependent, toKid, requestIds);
			}
			catch (CmkCallException ex) {
				if (ex.kind() != CmkCallException.Kind.PERMANENT) {
					throw ex;
				}
				dependentFailed(r, token, dependent, ex.getMessage(), ex.requestIds());
			}
			catch (VerificationFailed ex) {
				dependentFailed(r, token, dependent, ex.getMessage(), ex.requestIds);
			}
		}
		return settle(r, token);
	}

	/**
	 * Re-checks dependents that follow the latest version on their own.
	 */
	@Nullable Rotation awaitFollowers(Rotation r, UUID token) {
		return settle(r, token);
	}

	private @Nullable Rotation settle(Rotation r, UUID token) {
		String toKid = required(r.toKid());
		List<DependentRow> dependents = this.store.dependents(r.id());
		for (DependentRow dependent : dependents) {
			if (dependent.state() == DependentState.PENDING && dependent.action() == PlanView.DependentAction.VERIFY) {
				StorageAccount account = this.azure.storageAccount(dependent.resourceId());
				String now = (account.encryption() != null) ? account.encryption().currentVersionedKeyIdentifier()
						: null;
				if (toKid.equalsIgnoreCase(now)) {
					dependentDone(r, token, dependent, toKid, List.of());
				}
			}
		}
		dependents = this.store.dependents(r.id());
		List<DependentRow> failed = dependents.stream().filter((d) -> d.state() == DependentState.FAILED).toList();
		if (!failed.isEmpty()) {
			return finish(r, token, Status.FAILED,
					"dependents failed: " + failed.stream()
						.map((d) -> d.resourceId() + " (" + d.error() + ")")
						.collect(Collectors.joining("; ")),
					"DEPENDENTS_FAILED");
		}
		List<DependentRow> waiting = dependents.stream().filter((d) -> d.state() == DependentState.PENDING).toList();
		if (waiting.isEmpty()) {
			return finish(r, token, Status.VERIFIED, "every dependent uses version " + r.toVersion(), "VERIFIED");
		}
		Instant now = now();
		Instant since = (r.startedAt() != null) ? r.startedAt() : r.createdAt();
		if (since.plus(this.properties.propagationMaxWait()).isBefore(now)) {
			return finish(r, token, Status.FAILED,
					"still not on the new version after " + this.properties.propagationMaxWait() + ": "
							+ waiting.stream().map(DependentRow::resourceId).collect(Collectors.joining(", ")),
					"PROPAGATION_TIMED_OUT");
		}
		Rotation next = with(r, Status.PROPAGATING, Step.AWAITING, now)
			.nextAttemptAt(now.plus(this.properties.propagationRecheck()))
			.build();
		boolean changed = r.status() != Status.PROPAGATING;
		inTx(() -> {
			Rotation s = save(next, token);
			if (changed) {
				event(s, "AWAITING_DEPENDENTS", r.status(), Status.PROPAGATING,
						"waiting for " + waiting.size() + " dependents that follow the latest version on their own",
						List.of());
			}
			return s;
		});
		return null;
	}

	/**
	 * Points every dependent AML Warden changed back at the previous version.
	 */
	@Nullable Rotation rollBack(Rotation r, UUID token) {
		String fromKid = required(r.fromKid());
		String fromVersion = required(r.fromVersion());
		List<String> problems = new ArrayList<>();
		for (DependentRow dependent : this.store.dependents(r.id())) {
			if (dependent.action() != PlanView.DependentAction.UPDATE
					|| dependent.state() == DependentState.ROLLED_BACK) {
				continue;
			}
			renew(r, token);
			try {
				List<String> requestIds = (dependent.kind() == PlanView.DependentKind.WORKSPACE)
						? updateWorkspace(dependent, fromKid) : updateStorage(r, dependent, fromVersion, fromKid);
				Instant now = now();
				inTx(() -> {
					this.store.updateDependent(r.id(), dependent.resourceKey(), DependentState.ROLLED_BACK, fromKid,
							now, null, now);
					event(r, "DEPENDENT_ROLLED_BACK", null, null, "back on version " + fromVersion,
							dependent.resourceId(), requestIds);
					return r;
				});
			}
			catch (CmkCallException ex) {
				if (ex.kind() != CmkCallException.Kind.PERMANENT) {
					throw ex;
				}
				problems.add(dependent.resourceId() + " (" + ex.getMessage() + ")");
			}
			catch (VerificationFailed ex) {
				problems.add(dependent.resourceId() + " (" + ex.getMessage() + ")");
			}
		}
		if (!problems.isEmpty()) {
			return finish(r, token, Status.FAILED, "rollback failed for " + String.join("; ", problems),
					"ROLLBACK_FAILED");
		}
		return finish(r, token, Status.ROLLED_BACK, "dependents point at version " + fromVersion
				+ " again; dependents that follow the latest version keep the new one", "ROLLED_BACK");
	}

	private List<String> updateWorkspace(DependentRow dependent, String kid) {
		Workspace before = this.azure.workspace(dependent.resourceId());
		if (before.encryption() != null && kid.equalsIgnoreCase(before.encryption().keyIdentifier())) {
			// Already there (a resumed rotation whose PATCH went through): nothing to
			// send.
			return List.of();
		}
		CmkOperations.Result<Workspace> result = this.azure.updateWorkspaceKey(dependent.resourceId(), kid,
				this.properties.workspaceUpdateTimeout());
		Workspace after = result.value();
		if (after.encryption() == null || !kid.equalsIgnoreCase(after.encryption().keyIdentifier())) {
			throw new VerificationFailed("the workspace reports key "
					+ ((after.encryption() != null) ? after.encryption().keyIdentifier() : "none")
					+ " after the update", result.requestIds());
		}
		if ("Failed".equalsIgnoreCase(after.provisioningState())) {
			throw new VerificationFailed("the workspace's provisioning state is Failed", result.requestIds());
		}
		return result.requestIds();
	}

	private List<String> updateStorage(Rotation r, DependentRow dependent, String version, String kid) {
		StorageAccount before = this.azure.storageAccount(dependent.resourceId());
		StorageAccount.Encryption encryption = before.encryption();
		if (encryption != null && version.equalsIgnoreCase(encryption.keyVersion())
				&& (encryption.currentVersionedKeyIdentifier() == null
						|| kid.equalsIgnoreCase(encryption.currentVersionedKeyIdentifier()))) {
			return List.of();
		}
		String vaultUrl = (encryption != null && encryption.keyVaultUri() != null) ? encryption.keyVaultUri()
				: r.vaultUrl();
		CmkOperations.Result<StorageAccount> result = this.azure.updateStorageKeyVersion(dependent.resourceId(),
				vaultUrl, r.keyName(), version);
		StorageAccount.Encryption after = result.value().encryption();
		if (after == null || !version.equalsIgnoreCase(after.keyVersion())
				|| (after.currentVersionedKeyIdentifier() != null
						&& !kid.equalsIgnoreCase(after.currentVersionedKeyIdentifier()))) {
			throw new VerificationFailed("the storage account reports key version "
					+ ((after != null) ? after.keyVersion() : "none") + " after the update", result.requestIds());
		}
		return result.requestIds();
	}

	private void dependentDone(Rotation r, UUID token, DependentRow dependent, String kid, List<String> requestIds) {
		Instant now = now();
		inTx(() -> {
			renewInTx(r, token);
			this.store.updateDependent(r.id(), dependent.resourceKey(), DependentState.VERIFIED, kid, now, null, now);
			event(r, "DEPENDENT_VERIFIED", null, null, "uses " + kid, dependent.resourceId(), requestIds);
			return r;
		});
	}

	private void dependentFailed(Rotation r, UUID token, DependentRow dependent, @Nullable String error,
			List<String> requestIds) {
		Instant now = now();
		inTx(() -> {
			renewInTx(r, token);
			this.store.updateDependent(r.id(), dependent.resourceKey(), DependentState.FAILED, null, null,
					RotationStore.truncate(error, 1000), now);
			event(r, "DEPENDENT_FAILED", null, null, error, dependent.resourceId(), requestIds);
			return r;
		});
	}

	/** Handles an Azure failure outside a single dependent. */
	private void failed(Rotation r, UUID token, CmkCallException ex) {
		switch (ex.kind()) {
			case TRANSIENT -> retryLater(r, token, ex.getMessage(), ex.requestIds());
			case DEFERRABLE -> defer(r, token, ex);
			case PERMANENT -> finish(r, token, Status.FAILED, ex.getMessage(), "FAILED");
		}
	}

	private void retryLater(Rotation r, UUID token, @Nullable String reason, List<String> requestIds) {
		Instant now = now();
		int attempts = r.attempts() + 1;
		if (attempts >= this.properties.maxAttempts()) {
			finish(r, token, Status.FAILED, "gave up after " + attempts + " attempts: " + reason, "FAILED");
			return;
		}
		Duration delay = backoff(this.properties.retryBase(), this.properties.retryMax(), attempts);
		Rotation next = with(r, r.status(), r.step(), now).attempts(attempts).nextAttemptAt(now.plus(delay)).build();
		inTx(() -> {
			Rotation saved = save(next, token);
			event(saved, "RETRY_SCHEDULED", null, null,
					"attempt " + attempts + " failed (" + reason + "); retrying in " + delay, requestIds);
			return saved;
		});
	}

	private void defer(Rotation r, UUID token, CmkCallException ex) {
		Instant now = now();
		int attempts = r.attempts() + 1;
		Duration delay = backoff(this.properties.deferBase(), this.properties.deferMax(), attempts);
		Rotation next = with(r, Status.DEFERRED, r.step(), now).attempts(attempts)
			.nextAttemptAt(now.plus(delay))
			.error(RotationStore.truncate(ex.getMessage(), 2000))
			.build();
		inTx(() -> {
			Rotation saved = save(next, token);
			event(saved, "DEFERRED", r.status(), Status.DEFERRED,
					"Azure cannot take the change now (" + ex.code() + "); retrying after " + next.nextAttemptAt(),
					ex.requestIds());
			announce(saved, "rotation.deferred", ex.getMessage());
			return saved;
		});
	}

	private Rotation finish(Rotation r, @Nullable UUID token, Status status, @Nullable String detail, String type) {
		Instant now = now();
		Rotation next = with(r, status, Step.DONE, now).finishedAt(now)
			.error((status == Status.FAILED) ? RotationStore.truncate(detail, 2000) : null)
			.build();
		return inTx(() -> {
			Rotation saved = save(next, token);
			event(saved, type, r.status(), status, detail, List.of());
			switch (status) {
				case VERIFIED -> announce(saved, "rotation.succeeded", detail);
				case FAILED -> announce(saved, "rotation.failed", detail);
				case ROLLED_BACK -> announce(saved, "rotation.rolled-back", detail);
				default -> {
				}
			}
			return saved;
		});
	}

	void announce(Rotation r, String type, @Nullable String detail) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("rotationId", r.id().toString());
		data.put("keyId", r.keyId());
		data.put("vaultId", r.vaultId());
		data.put("keyName", r.keyName());
		data.put("trigger", r.trigger().name());
		data.put("status", r.status().name());
		if (r.fromVersion() != null) {
			data.put("fromVersion", r.fromVersion());
		}
		if (r.toVersion() != null) {
			data.put("toVersion", r.toVersion());
		}
		if (detail != null) {
			data.put("detail", detail);
		}
		this.notices.publish(type, r.id().toString(), data);
		this.notices.audit(type, "/api/v1/rotations/" + r.id(), !type.equals("rotation.failed"));
	}

	private Rotation save(Rotation next, @Nullable UUID token) {
		if (!this.store.save(next, token)) {
			throw new LeaseLost();
		}
		return next;
	}

	private Rotation write(Rotation r, UUID token, Rotation next, String type, @Nullable String resourceId,
			@Nullable String detail, List<String> requestIds) {
		return inTx(() -> {
			Rotation saved = save(next, token);
			event(saved, type, r.status(), next.status(), detail, resourceId, requestIds);
			return saved;
		});
	}

	private void event(Rotation r, String type, @Nullable Status from, @Nullable Status to, @Nullable String detail,
			List<String> requestIds) {
		this.store.event(r.id(), now(), type, from, to, null, detail, requestIds, this.properties.identity());
	}

	private void event(Rotation r, String type, @Nullable Status from, @Nullable Status to, @Nullable String detail,
			@Nullable String resourceId, List<String> requestIds) {
		this.store.event(r.id(), now(), type, from, to, resourceId, detail, requestIds, this.properties.identity());
	}

	private void renew(Rotation r, UUID token) {
		if (!Boolean.TRUE.equals(this.tx.execute((s) -> this.store.renew(r.id(), token, leaseEnd())))) {
			throw new LeaseLost();
		}
	}

	private void renewInTx(Rotation r, UUID token) {
		if (!this.store.renew(r.id(), token, leaseEnd())) {
			throw new LeaseLost();
		}
	}

	private Instant leaseEnd() {
		return now().plus(this.properties.lease());
	}

	private <T> T inTx(Supplier<T> work) {
		T result = this.tx.execute((status) -> work.get());
		if (result == null) {
			throw new IllegalStateException("transaction returned nothing");
		}
		return result;
	}

	private Instant now() {
		return this.clock.instant();
	}

	static Duration backoff(Duration base, Duration max, int attempt) {
		Duration delay = base.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
		return (delay.compareTo(max) > 0) ? max : delay;
	}

	private static String required(@Nullable String value) {
		if (value == null) {
			throw new IllegalStateException("rotation is missing a recorded version");
		}
		return value;
	}

	static Builder with(Rotation r, Status status, Step step, Instant now) {
		return new Builder(r).status(status).step(step).updatedAt(now).nextAttemptAt(now);
	}

	/** The claim was taken over; this worker must stop touching the rotation. */
	static final class LeaseLost extends RuntimeException {

		LeaseLost() {
			super("lease lost", null, false, false);
		}

	}

	/** A dependent did not report the expected version after its update. */
	static final class VerificationFailed extends RuntimeException {

		private final List<String> requestIds;

		VerificationFailed(String message, List<String> requestIds) {
			super(message, null, false, false);
			this.requestIds = List.copyOf(requestIds);
		}

	}

	/**
	 * Copies a rotation with changes.
	 */
	static final class Builder {

		private Rotation r;

		Builder(Rotation r) {
			this.r = r;
		}

		Builder status(Status status) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), status, r.step(), r.fromVersion(), r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(),
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(),
					r.startedAt(), r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder step(Step step) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), step, r.fromVersion(), r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(),
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(),
					r.startedAt(), r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder fromVersion(@Nullable String value) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), value, r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(),
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(),
					r.startedAt(), r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder toVersion(@Nullable String value) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), r.fromVersion(), value, r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(),
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(),
					r.startedAt(), r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder toKid(@Nullable String value) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), r.fromVersion(), r.toVersion(), value, r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(),
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(),
					r.startedAt(), r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder approval(@Nullable String by, @Nullable Instant at, @Nullable Instant expires) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), r.fromVersion(), r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), by, at, expires, r.idempotencyKey(), r.requestHash(), r.windowStart(),
					r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(), r.rotateRequestedAt(),
					r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(), r.startedAt(),
					r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder attempts(int value) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), r.fromVersion(), r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), value, r.nextAttemptAt(),
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(),
					r.startedAt(), r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder nextAttemptAt(Instant value) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), r.fromVersion(), r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), value,
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(),
					r.startedAt(), r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder rotateRequestedAt(@Nullable Instant value) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), r.fromVersion(), r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(),
					value, r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(), r.startedAt(),
					r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder error(@Nullable String value) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), r.fromVersion(), r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(),
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), value, r.createdAt(),
					r.startedAt(), r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder startedAt(@Nullable Instant value) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), r.fromVersion(), r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(),
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(),
					value, r.finishedAt(), r.updatedAt());
			return this;
		}

		Builder finishedAt(@Nullable Instant value) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), r.fromVersion(), r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(),
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(),
					r.startedAt(), value, r.updatedAt());
			return this;
		}

		Builder updatedAt(Instant value) {
			this.r = new Rotation(r.id(), r.planId(), r.policyId(), r.keyId(), r.vaultId(), r.vaultUrl(), r.keyName(),
					r.trigger(), r.status(), r.step(), r.fromVersion(), r.toVersion(), r.toKid(), r.requestedBy(),
					r.requestedByName(), r.approvedBy(), r.approvedAt(), r.approvalExpiresAt(), r.idempotencyKey(),
					r.requestHash(), r.windowStart(), r.windowEnd(), r.jitterSeconds(), r.attempts(), r.nextAttemptAt(),
					r.rotateRequestedAt(), r.lockedBy(), r.lockedUntil(), r.lockToken(), r.error(), r.createdAt(),
					r.startedAt(), r.finishedAt(), value);
			return this;
		}

		Rotation build() {
			return this.r;
		}

	}

}
