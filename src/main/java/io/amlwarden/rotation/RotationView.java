package io.amlwarden.rotation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A rotation as the API shows it; the detail view adds its dependents and events.
 *
 * @param id rotation id
 * @param planId the plan it executes
 * @param policyId the policy it belongs to
 * @param key the key
 * @param trigger SCHEDULED, ON_DEMAND, NEAR_EXPIRY or OUT_OF_BAND
 * @param status current state
 * @param step last recorded step
 * @param fromVersion the version dependents moved away from
 * @param toVersion the new version
 * @param toKid its versioned URL
 * @param requestedBy who asked (the service identity for scheduled rotations)
 * @param approvedBy the approving Admin
 * @param approvedAt when
 * @param approvalExpiresAt the approval lapses unless the rotation starts before this
 * @param windowStart window (or jitter range) the scheduled rotation fell in
 * @param windowEnd its end
 * @param jitterSeconds offset chosen inside it
 * @param attempts failed attempts so far
 * @param nextAttemptAt when a worker takes it up next
 * @param error why it failed (or was deferred)
 * @param createdAt when created
 * @param startedAt when execution began
 * @param finishedAt when it reached a final state
 * @param dependents per-dependent results (detail view)
 * @param events append-only history (detail view)
 */
record RotationView(UUID id, @Nullable UUID planId, @Nullable UUID policyId, PlanView.KeyRef key,
		Rotation.Trigger trigger, Rotation.Status status, Rotation.Step step, @Nullable String fromVersion,
		@Nullable String toVersion, @Nullable String toKid, String requestedBy, @Nullable String approvedBy,
		@Nullable Instant approvedAt, @Nullable Instant approvalExpiresAt, @Nullable Instant windowStart,
		@Nullable Instant windowEnd, @Nullable Long jitterSeconds, int attempts, Instant nextAttemptAt,
		@Nullable String error, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		@Nullable List<Dependent> dependents, @Nullable List<Event> events) {

	static RotationView summary(Rotation r) {
		return of(r, null, null);
	}

	static RotationView of(Rotation r, @Nullable List<RotationStore.DependentRow> dependents,
			@Nullable List<RotationStore.EventRow> events) {
		Rotation.Key key = r.key();
		Rotation.Plan plan = r.plan();
		return new RotationView(r.id(), plan.planId(), plan.policyId(), key.ref(), plan.trigger(), r.status(), r.step(),
				key.fromVersion(), key.toVersion(), key.toKid(), plan.requestedBy(), plan.approvedBy(),
				plan.approvedAt(), plan.approvalExpiresAt(), plan.windowStart(), plan.windowEnd(), plan.jitterSeconds(),
				r.progress().attempts(), r.progress().nextAttemptAt(), r.outcome().error(), r.createdAt(),
				r.outcome().startedAt(), r.outcome().finishedAt(),
				(dependents != null) ? dependents.stream()
					.map((d) -> new Dependent(d.resourceId(), d.kind(), d.action(), d.state().name(), d.beforeKid(),
							d.afterKid(), d.verifiedAt(), d.error()))
					.toList() : null,
				(events != null)
						? events.stream()
							.map((e) -> new Event(e.occurredAt(), e.type(), e.fromStatus(), e.toStatus(),
									e.resourceId(), e.detail(),
									(e.azureRequestIds() != null) ? Arrays.asList(e.azureRequestIds().split(","))
											: List.of(),
									e.actor()))
							.toList()
						: null);
	}

	/**
	 * One dependent's result.
	 *
	 * @param resourceId ARM id
	 * @param kind workspace or storage account (pinned or following)
	 * @param action UPDATE or VERIFY
	 * @param state PENDING, VERIFIED, FAILED or ROLLED_BACK
	 * @param before the key URL it used before
	 * @param after the key URL it uses now, once verified
	 * @param verifiedAt when it was read back on the new version
	 * @param error why it failed
	 */
	record Dependent(String resourceId, PlanView.DependentKind kind, PlanView.DependentAction action,
			@Schema(implementation = RotationStore.DependentState.class) String state, @Nullable String before,
			@Nullable String after, @Nullable Instant verifiedAt, @Nullable String error) {
	}

	/**
	 * One history entry.
	 *
	 * @param at when
	 * @param type what happened
	 * @param fromStatus status before, for transitions
	 * @param toStatus status after, for transitions
	 * @param resourceId the dependent concerned
	 * @param detail what happened, in words
	 * @param azureRequestIds {@code x-ms-request-id} of the Azure calls involved
	 * @param actor who did it
	 */
	record Event(Instant at, String type, @Schema(implementation = Rotation.Status.class) @Nullable String fromStatus,
			@Schema(implementation = Rotation.Status.class) @Nullable String toStatus, @Nullable String resourceId,
			@Nullable String detail, List<String> azureRequestIds, String actor) {
	}

}
