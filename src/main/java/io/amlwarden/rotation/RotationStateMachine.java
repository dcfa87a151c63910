package io.amlwarden.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.azure.AzureCallException;
import io.amlwarden.rotation.Rotation.Status;
import io.amlwarden.rotation.Rotation.Step;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Runs a claimed rotation through its steps. Which step runs is read from one table,
 * keyed by the step recorded on the rotation: a worker that picks up a rotation another
 * worker left behind (it crashed, or its lease lapsed) resumes exactly where the record
 * says. Each step records itself (with an append-only event) before the next begins,
 * fenced by the claim's lease token.
 * <p>
 * <table>
 * <caption>Transitions</caption>
 * <tr>
 * <th>recorded step</th>
 * <th>runs</th>
 * <th>resumes as</th>
 * <th>may record next</th>
 * </tr>
 * <tr>
 * <td>PREFLIGHT</td>
 * <td>{@link PreflightStep}</td>
 * <td>RUNNING</td>
 * <td>ROTATING, PROPAGATING (recent version adopted), DONE (blocked)</td>
 * </tr>
 * <tr>
 * <td>ROTATING</td>
 * <td>{@link KeyCreationStep}</td>
 * <td>RUNNING</td>
 * <td>PROPAGATING (created, or adopted after a crash)</td>
 * </tr>
 * <tr>
 * <td>PROPAGATING</td>
 * <td>{@link PropagationStep}</td>
 * <td>RUNNING</td>
 * <td>AWAITING, DONE</td>
 * </tr>
 * <tr>
 * <td>AWAITING</td>
 * <td>{@link VerificationStep}</td>
 * <td>PROPAGATING</td>
 * <td>AWAITING, DONE</td>
 * </tr>
 * <tr>
 * <td>ROLLING_BACK</td>
 * <td>{@link RollbackStep}</td>
 * <td>RUNNING</td>
 * <td>DONE</td>
 * </tr>
 * </table>
 * <p>
 * An Azure failure outside a single dependent is retried with backoff (throttled, timed
 * out), deferred (the vault or region cannot take the change now) or fails the rotation
 * (refused). The previous key version is never disabled: dependents that lag behind keep
 * working, and rollback can point them back.
 */
@Service
class RotationStateMachine {

	private static final Logger logger = LoggerFactory.getLogger(RotationStateMachine.class);

	private final Map<Step, Transition> transitions;

	private final RotationRecorder recorder;

	private final RotationProperties properties;

	RotationStateMachine(PreflightStep preflight, KeyCreationStep keyCreation, PropagationStep propagation,
			VerificationStep verification, RollbackStep rollback, RotationRecorder recorder,
			RotationProperties properties) {
		this.transitions = transitions(List.of(
				new Transition(Step.PREFLIGHT, preflight, Status.RUNNING,
						EnumSet.of(Step.ROTATING, Step.PROPAGATING, Step.DONE)),
				new Transition(Step.ROTATING, keyCreation, Status.RUNNING, EnumSet.of(Step.PROPAGATING)),
				new Transition(Step.PROPAGATING, propagation, Status.RUNNING, EnumSet.of(Step.AWAITING, Step.DONE)),
				new Transition(Step.AWAITING, verification, Status.PROPAGATING, EnumSet.of(Step.AWAITING, Step.DONE)),
				new Transition(Step.ROLLING_BACK, rollback, Status.RUNNING, EnumSet.of(Step.DONE))));
		this.recorder = recorder;
		this.properties = properties;
	}

	private static Map<Step, Transition> transitions(List<Transition> rows) {
		Map<Step, Transition> table = new EnumMap<>(Step.class);
		rows.forEach((row) -> table.put(row.from(), row));
		return table;
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
			while (current.step() != Step.DONE) {
				this.recorder.renew(current, token);
				Rotation next = step(current, token);
				if (next == null || next.step() == current.step() && next.status() == current.status()) {
					break;
				}
				current = next;
			}
		}
		catch (RotationRecorder.LeaseLost ex) {
			logger.warn("Rotation {} was taken over by another worker; stopping here", claimed.id());
			return;
		}
		catch (AzureCallException ex) {
			failed(current, token, ex);
		}
		catch (RuntimeException ex) {
			logger.error("Rotation {} failed unexpectedly; it will be retried", claimed.id(), ex);
			retryLater(current, token, "unexpected error: " + ex.getClass().getSimpleName(), List.of());
		}
		finally {
			this.recorder.release(claimed, token);
		}
	}

	/**
	 * Runs the step the rotation is at, as the table says, and checks that it recorded a
	 * step the table allows.
	 * @return the rotation after the step, or {@code null} when it must wait
	 */
	@Nullable Rotation step(Rotation r, UUID token) {
		Transition transition = this.transitions.get(r.step());
		if (transition == null) {
			return null;
		}
		Rotation next = transition.runs().run(r, token);
		if (next != null && next.step() != r.step() && !transition.next().contains(next.step())) {
			throw new IllegalStateException("step " + r.step() + " may not lead to " + next.step());
		}
		return next;
	}

	/** A claimed rotation that was approved or deferred becomes running again. */
	private Rotation resume(Rotation r, UUID token) {
		if (r.status() == Status.APPROVED || r.status() == Status.DEFERRED) {
			Transition transition = this.transitions.get(r.step());
			Status to = (transition != null) ? transition.resumesAs() : Status.RUNNING;
			Instant now = this.recorder.now();
			return this.recorder.write(r, token, r.moveTo(to, r.step(), now).started(now),
					(r.status() == Status.APPROVED) ? "STARTED" : "RESUMED", null, null, List.of());
		}
		return r;
	}

	/** Handles an Azure failure outside a single dependent. */
	private void failed(Rotation r, UUID token, AzureCallException ex) {
		switch (ex.kind()) {
			case TRANSIENT -> retryLater(r, token, ex.getMessage(), ex.requestIds());
			case DEFERRABLE -> defer(r, token, ex);
			case PERMANENT -> this.recorder.finish(r, token, Status.FAILED, ex.getMessage(), "FAILED");
		}
	}

	private void retryLater(Rotation r, UUID token, @Nullable String reason, List<String> requestIds) {
		Instant now = this.recorder.now();
		int attempts = r.progress().attempts() + 1;
		if (attempts >= this.properties.maxAttempts()) {
			this.recorder.finish(r, token, Status.FAILED, "gave up after " + attempts + " attempts: " + reason,
					"FAILED");
			return;
		}
		Duration delay = backoff(this.properties.retryBase(), this.properties.retryMax(), attempts);
		Rotation moved = r.moveTo(r.status(), r.step(), now);
		Rotation next = moved.withProgress(moved.progress().withRetry(attempts, now.plus(delay)));
		this.recorder.inTx(() -> {
			Rotation saved = this.recorder.save(next, token);
			this.recorder.event(saved, "RETRY_SCHEDULED", null, null,
					"attempt " + attempts + " failed (" + reason + "); retrying in " + delay, requestIds);
			return saved;
		});
	}

	private void defer(Rotation r, UUID token, AzureCallException ex) {
		Instant now = this.recorder.now();
		int attempts = r.progress().attempts() + 1;
		Duration delay = backoff(this.properties.deferBase(), this.properties.deferMax(), attempts);
		Rotation moved = r.moveTo(Status.DEFERRED, r.step(), now);
		Rotation next = moved.withProgress(moved.progress().withRetry(attempts, now.plus(delay)))
			.withOutcome(r.outcome().withError(RotationStore.truncate(ex.getMessage(), 2000)));
		this.recorder.inTx(() -> {
			Rotation saved = this.recorder.save(next, token);
			this.recorder.event(saved, "DEFERRED", r.status(), Status.DEFERRED, "Azure cannot take the change now ("
					+ ex.code() + "); retrying after " + next.progress().nextAttemptAt(), ex.requestIds());
			this.recorder.announce(saved, "rotation.deferred", ex.getMessage());
			return saved;
		});
	}

	static Duration backoff(Duration base, Duration max, int attempt) {
		Duration delay = base.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
		return (delay.compareTo(max) > 0) ? max : delay;
	}

	/**
	 * One row of the table.
	 *
	 * @param from the recorded step
	 * @param runs the step that runs from it
	 * @param resumesAs the status an approved or deferred rotation at this step resumes
	 * with
	 * @param next the steps it may record next (besides staying where it is to wait or
	 * retry)
	 */
	record Transition(Step from, RotationStep runs, Status resumesAs, Set<Step> next) {
	}

}
