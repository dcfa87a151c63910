package io.amlwarden.rotation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.rotation.Rotation.Status;
import io.amlwarden.rotation.Rotation.Step;
import io.amlwarden.rotation.RotationStore.DependentRow;

import org.springframework.stereotype.Component;

/**
 * Step {@code PREFLIGHT}: checks that the plan still matches Azure; re-plans (recording
 * what changed) when it does not, and fails when something now blocks the rotation. A
 * version someone created within the quiet period is adopted instead of rotating twice in
 * a row.
 */
@Component
class PreflightStep implements RotationStep {

	private final PlanService plans;

	private final RotationStore store;

	private final RotationRecorder recorder;

	private final RotationProperties properties;

	PreflightStep(PlanService plans, RotationStore store, RotationRecorder recorder, RotationProperties properties) {
		this.plans = plans;
		this.store = store;
		this.recorder = recorder;
		this.properties = properties;
	}

	@Override
	public Rotation run(Rotation r, UUID token) {
		Instant now = this.recorder.now();
		Instant approvalExpiresAt = r.plan().approvalExpiresAt();
		if (approvalExpiresAt != null && approvalExpiresAt.isBefore(now)) {
			return this.recorder.finish(r, token, Status.FAILED,
					"approval expired at " + approvalExpiresAt + " before the rotation started; approve a new plan",
					"APPROVAL_EXPIRED");
		}
		PlanService.Assessment assessment = this.plans.assess(r.key().ref());
		VaultKey.KeyVersion fresh = assessment.current();
		if (!assessment.blockers().isEmpty() || fresh == null) {
			String blockers = assessment.blockers()
				.stream()
				.map((b) -> b.code() + ((b.resourceId() != null) ? " (" + b.resourceId() + ")" : "") + ": "
						+ b.message())
				.collect(Collectors.joining("; "));
			return this.recorder.finish(r, token, Status.FAILED, "preflight blocked: " + blockers, "PREFLIGHT_BLOCKED");
		}
		List<DependentRow> recorded = this.store.dependents(r.id());
		Set<String> planned = recorded.stream().map(DependentRow::resourceKey).collect(Collectors.toSet());
		Set<String> actual = assessment.dependents()
			.stream()
			.map((d) -> ArmIds.key(d.resourceId()))
			.collect(Collectors.toSet());
		String version = fresh.version();
		String fromVersion = r.key().fromVersion();
		List<String> changes = new ArrayList<>();
		if (fromVersion != null && !fromVersion.equalsIgnoreCase(version)) {
			changes.add("current version is now " + version + " (planned " + fromVersion + ")");
		}
		if (!planned.equals(actual)) {
			changes.add("dependents changed from " + planned.size() + " to " + actual.size());
		}
		if (r.plan().trigger() == Rotation.Trigger.SCHEDULED && fromVersion != null
				&& !fromVersion.equalsIgnoreCase(version) && fresh.created() != null
				&& fresh.created().isAfter(now.minus(this.properties.outOfBandQuietPeriod()))) {
			// Someone (Key Vault's own policy, a person) created a version moments ago:
			// carry that one instead of rotating twice in a row.
			Rotation adopted = r.moveTo(r.status(), Step.PROPAGATING, now)
				.withKey(r.key().withTo(version, fresh.kid()))
				.started(now);
			return this.recorder.inTx(() -> {
				replan(r, assessment, now);
				this.store.knownVersion(r.key().keyId(), version, "OUT_OF_BAND", fresh.created(), now);
				Rotation saved = this.recorder.save(adopted, token);
				this.recorder
					.event(saved, "RECENT_VERSION_ADOPTED", null, null,
							"version " + version + " was created at " + fresh.created()
									+ ", within the quiet period; it is propagated instead of rotating again",
							List.of());
				return saved;
			});
		}
		Rotation moved = r.moveTo(r.status(), Step.ROTATING, now);
		Rotation next = moved.withKey(r.key().withFromVersion(version))
			.withProgress(moved.progress().withRotateRequestedAt(null))
			.started(now);
		return this.recorder.inTx(() -> {
			if (!changes.isEmpty()) {
				replan(r, assessment, now);
			}
			this.store.knownVersion(r.key().keyId(), version, "BASELINE", fresh.created(), now);
			Rotation saved = this.recorder.save(next, token);
			if (!changes.isEmpty()) {
				this.recorder.event(saved, "REPLANNED", null, null, String.join("; ", changes), List.of());
			}
			String warnings = assessment.warnings()
				.stream()
				.map((w) -> "; warning " + w.code() + ((w.resourceId() != null) ? " (" + w.resourceId() + ")" : "")
						+ ": " + w.message())
				.collect(Collectors.joining());
			this.recorder.event(saved, "PREFLIGHT_PASSED", null, null, assessment.dependents().size() + " dependents; "
					+ String.join("; ", assessment.checks()) + warnings, List.of());
			return saved;
		});
	}

	/** Replaces the recorded dependents with the ones Azure reports now. */
	private void replan(Rotation r, PlanService.Assessment assessment, Instant now) {
		this.store.deleteDependents(r.id());
		assessment.dependents().forEach((d) -> this.store.insertDependent(r.id(), d, now));
	}

}
