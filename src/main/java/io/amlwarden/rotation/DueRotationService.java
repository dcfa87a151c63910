package io.amlwarden.rotation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.amlwarden.rotation.Rotation.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns due policies into rotations. Each policy is claimed in its own transaction with
 * {@code FOR UPDATE SKIP LOCKED}, planned, and given a rotation; the partial unique index
 * on in-flight rotations makes a second rotation of the same key impossible whatever the
 * number of replicas. A due time that falls outside the policy's window (a replica was
 * down) is moved to the next window, never skipped.
 */
@Service
class DueRotationService {

	private static final Logger logger = LoggerFactory.getLogger(DueRotationService.class);

	private final PolicyStore policies;

	private final PlanService plans;

	private final RotationService rotations;

	private final RotationRecorder recorder;

	private final RotationStore store;

	private final TransactionTemplate tx;

	private final RotationProperties properties;

	private final Clock clock;

	DueRotationService(PolicyStore policies, PlanService plans, RotationService rotations, RotationRecorder recorder,
			RotationStore store, TransactionTemplate tx, RotationProperties properties, Clock clock) {
		this.policies = policies;
		this.plans = plans;
		this.rotations = rotations;
		this.recorder = recorder;
		this.store = store;
		this.tx = tx;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Plans every due policy, one transaction each, until none is left or the limit is
	 * reached.
	 * @param limit most policies to handle in this call
	 * @return rotations created
	 */
	int planDue(int limit) {
		expireApprovals();
		int created = 0;
		for (int i = 0; i < limit; i++) {
			Optional<Outcome> outcome;
			try {
				outcome = Optional.ofNullable(this.tx.execute((status) -> planOne()));
			}
			catch (DuplicateKeyException ex) {
				// Another path (an on-demand request) started a rotation of the key
				// first.
				continue;
			}
			if (outcome.isEmpty() || outcome.get() == Outcome.NONE) {
				break;
			}
			if (outcome.get() == Outcome.CREATED) {
				created++;
			}
		}
		return created;
	}

	private Outcome planOne() {
		Instant now = this.clock.instant();
		List<Policy> due = this.policies.claimDue(now, 1);
		if (due.isEmpty()) {
			return Outcome.NONE;
		}
		Policy policy = due.get(0);
		RotationSchedule schedule = policy.schedule();
		if (!schedule.inWindow(now)) {
			RotationSchedule.Due next = schedule.nextDue(policy.keyId(), policy.anchorAt(), now);
			this.policies.schedule(policy.id(), policy.anchorAt(), next.at(), next.reason() + " (missed window)",
					policy.deferredUntil(), now);
			return Outcome.MOVED;
		}
		RotationSchedule.Due due0 = schedule.nextDue(policy.keyId(), policy.anchorAt(), policy.deferredUntil());
		PlanView plan;
		try {
			plan = this.plans.planForPolicy(policy, this.properties.identity());
		}
		catch (RuntimeException ex) {
			// Azure did not answer: try this policy again later, the others now.
			Instant retry = now.plus(this.properties.retryBase());
			this.policies.schedule(policy.id(), policy.anchorAt(), retry,
					"planning failed (" + ex.getClass().getSimpleName() + "); retrying", policy.deferredUntil(), now);
			logger.warn("Planning the scheduled rotation of {} failed; retrying at {}", policy.keyId(), retry);
			return Outcome.MOVED;
		}
		Rotation rotation = this.rotations.create(plan, Rotation.Trigger.SCHEDULED, this.properties.identity(),
				"AML Warden scheduler", null, due0, now);
		if (plan.blocked()) {
			// Recorded as a failed rotation so the history shows why; the policy waits
			// before it tries again instead of re-planning every tick.
			Rotation failed = rotation.endedAs(Status.FAILED, now,
					RotationStore.truncate("blocked: " + plan.blockers()
						.stream()
						.map((b) -> b.code() + ": " + b.message())
						.reduce((a, b) -> a + "; " + b)
						.orElse(""), 2000));
			this.rotations.insert(failed, plan, now);
			this.recorder.announce(failed, "rotation.failed", failed.outcome().error());
			Instant retry = now.plus(this.properties.deferMax());
			RotationSchedule.Due next = schedule.nextDue(policy.keyId(), policy.anchorAt(), retry);
			this.policies.schedule(policy.id(), policy.anchorAt(), next.at(), next.reason(), retry, now);
			logger.warn("Scheduled rotation of {} is blocked: {}", policy.keyId(), failed.outcome().error());
			return Outcome.BLOCKED;
		}
		this.rotations.insert(rotation, plan, now);
		return Outcome.CREATED;
	}

	/**
	 * Rotations waiting for an approval that never came leave the in-flight slot after
	 * the approval time-to-live.
	 */
	void expireApprovals() {
		Instant cutoff = this.clock.instant().minus(this.properties.approvalTtl());
		List<java.util.UUID> stale = this.store.jdbc()
			.queryForList("SELECT id FROM rotation WHERE status = 'PLANNED' AND created_at < ?", java.util.UUID.class,
					PolicyStore.ts(cutoff));
		for (java.util.UUID id : stale) {
			this.tx.executeWithoutResult((status) -> this.store.find(id).ifPresent((r) -> {
				if (r.status() != Status.PLANNED) {
					return;
				}
				Instant now = this.clock.instant();
				Rotation next = r.endedAs(Status.FAILED, now, "no approval within " + this.properties.approvalTtl());
				if (this.store.save(next, null)) {
					this.store.event(id, now, "APPROVAL_EXPIRED", Status.PLANNED, Status.FAILED, null,
							next.outcome().error(), List.of(), this.properties.identity());
					this.recorder.announce(next, "rotation.failed", next.outcome().error());
				}
			}));
		}
	}

	enum Outcome {

		NONE, CREATED, MOVED, BLOCKED

	}

}
