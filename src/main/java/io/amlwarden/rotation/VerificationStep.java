package io.amlwarden.rotation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.amlwarden.azure.CmkOperations;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.rotation.Rotation.Status;
import io.amlwarden.rotation.Rotation.Step;
import io.amlwarden.rotation.RotationStore.DependentRow;
import io.amlwarden.rotation.RotationStore.DependentState;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step {@code AWAITING} (and the end of {@code PROPAGATING}): re-reads the dependents
 * that follow the latest version on their own, then settles the rotation: {@code FAILED}
 * when a dependent failed or the propagation wait ran out, {@code VERIFIED} when every
 * dependent uses the new version, otherwise {@code PROPAGATING} at step {@code AWAITING}
 * until the next re-check.
 */
@Component
class VerificationStep implements RotationStep {

	private final CmkOperations azure;

	private final RotationStore store;

	private final RotationRecorder recorder;

	private final RotationProperties properties;

	VerificationStep(CmkOperations azure, RotationStore store, RotationRecorder recorder,
			RotationProperties properties) {
		this.azure = azure;
		this.store = store;
		this.recorder = recorder;
		this.properties = properties;
	}

	@Override
	public @Nullable Rotation run(Rotation r, UUID token) {
		String toKid = KeyCreationStep.required(r.key().toKid());
		List<DependentRow> dependents = this.store.dependents(r.id());
		for (DependentRow dependent : dependents) {
			if (dependent.state() == DependentState.PENDING && dependent.action() == PlanView.DependentAction.VERIFY) {
				StorageAccount account = this.azure.storageAccount(dependent.resourceId());
				String now = (account.encryption() != null) ? account.encryption().currentVersionedKeyIdentifier()
						: null;
				if (toKid.equalsIgnoreCase(now)) {
					verified(r, token, dependent, toKid, List.of());
				}
			}
		}
		dependents = this.store.dependents(r.id());
		List<DependentRow> failed = dependents.stream().filter((d) -> d.state() == DependentState.FAILED).toList();
		if (!failed.isEmpty()) {
			return this.recorder.finish(r, token, Status.FAILED,
					"dependents failed: " + failed.stream()
						.map((d) -> d.resourceId() + " (" + d.error() + ")")
						.collect(Collectors.joining("; ")),
					"DEPENDENTS_FAILED");
		}
		List<DependentRow> waiting = dependents.stream().filter((d) -> d.state() == DependentState.PENDING).toList();
		if (waiting.isEmpty()) {
			return this.recorder.finish(r, token, Status.VERIFIED,
					"every dependent uses version " + r.key().toVersion(), "VERIFIED");
		}
		Instant now = this.recorder.now();
		Instant since = (r.outcome().startedAt() != null) ? r.outcome().startedAt() : r.createdAt();
		if (since.plus(this.properties.propagationMaxWait()).isBefore(now)) {
			return this.recorder.finish(r, token, Status.FAILED,
					"still not on the new version after " + this.properties.propagationMaxWait() + ": "
							+ waiting.stream().map(DependentRow::resourceId).collect(Collectors.joining(", ")),
					"PROPAGATION_TIMED_OUT");
		}
		Rotation moved = r.moveTo(Status.PROPAGATING, Step.AWAITING, now);
		Rotation next = moved.withProgress(moved.progress()
			.withRetry(moved.progress().attempts(), now.plus(this.properties.propagationRecheck())));
		boolean changed = r.status() != Status.PROPAGATING;
		this.recorder.inTx(() -> {
			Rotation s = this.recorder.save(next, token);
			if (changed) {
				this.recorder.event(s, "AWAITING_DEPENDENTS", r.status(), Status.PROPAGATING,
						"waiting for " + waiting.size() + " dependents that follow the latest version on their own",
						List.of());
			}
			return s;
		});
		return null;
	}

	/** Records that a dependent uses the version. */
	void verified(Rotation r, UUID token, DependentRow dependent, String kid, List<String> requestIds) {
		this.recorder.dependent(r, token, dependent, DependentState.VERIFIED, kid, null, "DEPENDENT_VERIFIED",
				"uses " + kid, requestIds);
	}

}
