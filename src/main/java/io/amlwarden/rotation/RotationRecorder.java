package io.amlwarden.rotation;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.amlwarden.rotation.Rotation.Status;
import io.amlwarden.rotation.RotationStore.DependentRow;
import io.amlwarden.rotation.RotationStore.DependentState;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the rotation steps write: every change of a claimed rotation is saved fenced by the
 * claim's lease token, in one transaction with its append-only event, so that a worker
 * whose lease was taken over stops ({@link LeaseLost}) instead of overwriting the one
 * that resumed the rotation.
 */
@Component
class RotationRecorder {

	private final RotationStore store;

	private final RotationNotices notices;

	private final TransactionTemplate tx;

	private final RotationProperties properties;

	private final Clock clock;

	RotationRecorder(RotationStore store, RotationNotices notices, TransactionTemplate tx,
			RotationProperties properties, Clock clock) {
		this.store = store;
		this.notices = notices;
		this.tx = tx;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Ends a rotation in a final status, records why and announces it.
	 * @param token the lease token, or {@code null} outside a claim
	 * @param type the event type
	 */
	Rotation finish(Rotation r, @Nullable UUID token, Status status, @Nullable String detail, String type) {
		Instant now = now();
		Rotation next = r.endedAs(status, now, (status == Status.FAILED) ? RotationStore.truncate(detail, 2000) : null);
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

	/** Publishes a rotation notice and audits it. */
	void announce(Rotation r, String type, @Nullable String detail) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("rotationId", r.id().toString());
		data.put("keyId", r.key().keyId());
		data.put("vaultId", r.key().vaultId());
		data.put("keyName", r.key().keyName());
		data.put("trigger", r.plan().trigger().name());
		data.put("status", r.status().name());
		if (r.key().fromVersion() != null) {
			data.put("fromVersion", r.key().fromVersion());
		}
		if (r.key().toVersion() != null) {
			data.put("toVersion", r.key().toVersion());
		}
		if (detail != null) {
			data.put("detail", detail);
		}
		this.notices.publish(type, r.id().toString(), data);
		this.notices.audit(type, "/api/v1/rotations/" + r.id(), !type.equals("rotation.failed"));
	}

	/** Saves a rotation, fenced; must run in a transaction. */
	Rotation save(Rotation next, @Nullable UUID token) {
		if (!this.store.save(next, token)) {
			throw new LeaseLost();
		}
		return next;
	}

	/** Saves a rotation with the event of its change, in one transaction. */
	Rotation write(Rotation r, UUID token, Rotation next, String type, @Nullable String resourceId,
			@Nullable String detail, List<String> requestIds) {
		return inTx(() -> {
			Rotation saved = save(next, token);
			event(saved, type, r.status(), next.status(), detail, resourceId, requestIds);
			return saved;
		});
	}

	void event(Rotation r, String type, @Nullable Status from, @Nullable Status to, @Nullable String detail,
			List<String> requestIds) {
		event(r, type, from, to, detail, null, requestIds);
	}

	void event(Rotation r, String type, @Nullable Status from, @Nullable Status to, @Nullable String detail,
			@Nullable String resourceId, List<String> requestIds) {
		this.store.event(r.id(), now(), type, from, to, resourceId, detail, requestIds, this.properties.identity());
	}

	/** Records a dependent's new state with its event, after renewing the lease. */
	void dependent(Rotation r, UUID token, DependentRow dependent, DependentState state, @Nullable String kid,
			@Nullable String error, String type, @Nullable String detail, List<String> requestIds) {
		Instant now = now();
		inTx(() -> {
			renewInTx(r, token);
			this.store.updateDependent(r.id(), dependent.resourceKey(), state, kid,
					(state == DependentState.FAILED) ? null : now, RotationStore.truncate(error, 1000), now);
			event(r, type, null, null, detail, dependent.resourceId(), requestIds);
			return r;
		});
	}

	/** Releases the claim, in a transaction of its own. */
	void release(Rotation r, UUID token) {
		this.tx.executeWithoutResult((status) -> this.store.release(r.id(), token));
	}

	/** Extends the claim's lease in a transaction of its own. */
	void renew(Rotation r, UUID token) {
		if (!Boolean.TRUE.equals(this.tx.execute((s) -> this.store.renew(r.id(), token, leaseEnd())))) {
			throw new LeaseLost();
		}
	}

	/** Extends the claim's lease inside the current transaction. */
	void renewInTx(Rotation r, UUID token) {
		if (!this.store.renew(r.id(), token, leaseEnd())) {
			throw new LeaseLost();
		}
	}

	private Instant leaseEnd() {
		return now().plus(this.properties.lease());
	}

	<T> T inTx(Supplier<T> work) {
		T result = this.tx.execute((status) -> work.get());
		if (result == null) {
			throw new IllegalStateException("transaction returned nothing");
		}
		return result;
	}

	Instant now() {
		return this.clock.instant();
	}

	/** The claim was taken over; this worker must stop touching the rotation. */
	static final class LeaseLost extends RuntimeException {

		LeaseLost() {
			super("lease lost", null, false, false);
		}

	}

}
