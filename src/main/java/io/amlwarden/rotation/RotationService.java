package io.amlwarden.rotation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.ProblemType;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.security.CallerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts rotations from plans (with idempotency keys), approves them, rolls them back and
 * answers the history queries. Execution itself belongs to the workers.
 */
@Service
class RotationService {

	private final RotationStore store;

	private final PlanService plans;

	private final RotationRecorder recorder;

	private final TransactionTemplate tx;

	private final RotationProperties properties;

	private final Clock clock;

	RotationService(RotationStore store, PlanService plans, RotationRecorder recorder, TransactionTemplate tx,
			RotationProperties properties, Clock clock) {
		this.store = store;
		this.plans = plans;
		this.recorder = recorder;
		this.tx = tx;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Starts the rotation a plan describes.
	 * @return the rotation, and whether it was created by this call (false when the
	 * idempotency key named an earlier one)
	 */
	Started start(UUID planId, @Nullable String idempotencyKey, CallerIdentity caller) {
		if (idempotencyKey != null) {
			if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
				throw ApiException.badRequest("Idempotency-Key must be 1 to 200 characters");
			}
			Started earlier = replay(idempotencyKey, planId, caller);
			if (earlier != null) {
				return earlier;
			}
		}
		PlanView plan = this.plans.get(planId);
		Instant now = this.clock.instant();
		if (plan.expiresAt().isBefore(now)) {
			throw ApiException.conflict("The plan expired at " + plan.expiresAt() + "; make a new plan");
		}
		if (plan.blocked()) {
			throw new ApiException(ProblemType.CONFLICT, "The plan is blocked: resolve its blockers and plan again",
					Map.of("blockers", plan.blockers()));
		}
		Rotation rotation = create(plan, Rotation.Trigger.ON_DEMAND, caller.principalId(), caller.name(),
				idempotencyKey, null, now);
		try {
			this.tx.executeWithoutResult((status) -> insert(rotation, plan, now));
		}
		catch (DuplicateKeyException ex) {
			if (idempotencyKey != null) {
				Started earlier = replay(idempotencyKey, planId, caller);
				if (earlier != null) {
					return earlier;
				}
			}
			Rotation inFlight = this.store.inFlight(plan.key().keyId()).orElse(null);
			throw new ApiException(ProblemType.CONFLICT, "A rotation of this key is already in flight",
					(inFlight != null) ? Map.of("rotationId", inFlight.id().toString()) : Map.of());
		}
		return new Started(RotationView.summary(this.store.find(rotation.id()).orElseThrow()), true);
	}

	private @Nullable Started replay(String idempotencyKey, UUID planId, CallerIdentity caller) {
		return this.store.findByIdempotencyKey(caller.principalId(), idempotencyKey).map((earlier) -> {
			if (!planId.equals(earlier.plan().planId())) {
				throw ApiException.conflict(
						"This Idempotency-Key was already used for another plan; use a new key for a new request");
			}
			return new Started(RotationView.summary(earlier), false);
		}).orElse(null);
	}

	/**
	 * A new rotation for a plan: APPROVED when the plan needs no approval, else PLANNED.
	 */
	Rotation create(PlanView plan, Rotation.Trigger trigger, String requestedBy, @Nullable String requestedByName,
			@Nullable String idempotencyKey, RotationSchedule.@Nullable Due due, Instant now) {
		Rotation.Status status = plan.approvalRequired() ? Rotation.Status.PLANNED : Rotation.Status.APPROVED;
		PlanView.KeyRef key = plan.key();
		return new Rotation(UUID.randomUUID(), now,
				new Rotation.Key(key.keyId(), key.vaultId(), key.vaultUrl(), key.keyName(), plan.currentVersion(), null,
						null),
				new Rotation.Plan(plan.id(), plan.policyId(), trigger, requestedBy, requestedByName, null, null, null,
						idempotencyKey, null, (due != null) ? due.windowStart() : null,
						(due != null) ? due.windowEnd() : null, (due != null) ? due.jitterSeconds() : null),
				new Rotation.Progress(status, Rotation.Step.PREFLIGHT, 0, now, null, null, null, null, now),
				Rotation.Outcome.NONE);
	}

	/**
	 * Inserts a rotation with its dependents and first event; must run in a transaction.
	 * @throws DuplicateKeyException when the key already has a rotation in flight
	 */
	void insert(Rotation rotation, PlanView plan, Instant now) {
		this.store.insert(rotation);
		plan.dependents().forEach((d) -> this.store.insertDependent(rotation.id(), d, now));
		this.store.event(
				rotation.id(), now, "CREATED", null, rotation.status(), null, rotation.plan().trigger()
						+ " rotation of " + plan.key().keyName() + " with " + plan.dependents().size() + " dependents",
				List.of(), rotation.plan().requestedBy());
		if (rotation.status() == Rotation.Status.PLANNED) {
			this.recorder.announce(rotation, "rotation.needs-approval",
					"an Admin other than the requester must approve it");
		}
	}

	RotationView approve(UUID id, CallerIdentity caller) {
		return inTx(() -> {
			Rotation r = lockedOrThrow(id);
			if (r.status() != Rotation.Status.PLANNED) {
				throw ApiException
					.conflict("Only a rotation awaiting approval can be approved (it is " + r.status() + ")");
			}
			if (r.plan().requestedBy().equalsIgnoreCase(caller.principalId())) {
				throw new ApiException(ProblemType.FORBIDDEN,
						"A rotation must be approved by an Admin other than its requester");
			}
			Instant now = this.clock.instant();
			Rotation next = r.moveTo(Rotation.Status.APPROVED, r.step(), now)
				.withPlan(r.plan().withApproval(caller.principalId(), now, now.plus(this.properties.approvalTtl())));
			this.store.save(next, null);
			this.store.event(id, now, "APPROVED", r.status(), next.status(), null,
					"approved; valid until " + next.plan().approvalExpiresAt(), List.of(), caller.principalId());
			return RotationView.summary(next);
		});
	}

	RotationView rollback(UUID id, CallerIdentity caller) {
		try {
			return inTx(() -> {
				Rotation r = lockedOrThrow(id);
				if (r.status() != Rotation.Status.VERIFIED && r.status() != Rotation.Status.FAILED
						&& r.status() != Rotation.Status.PROPAGATING) {
					throw ApiException.conflict("Only a verified, propagating or failed rotation can be rolled back "
							+ "(it is " + r.status() + ")");
				}
				if (r.progress().lockToken() != null) {
					throw ApiException.conflict("A worker is processing the rotation; retry in a moment");
				}
				if (r.key().fromVersion() == null || r.key().toVersion() == null) {
					throw ApiException.conflict("The rotation created no new version; there is nothing to roll back");
				}
				Rotation latest = this.store.latest(r.key().keyId()).orElse(r);
				if (!latest.id().equals(r.id())) {
					throw ApiException.conflict("A later rotation of this key exists; roll back that one instead");
				}
				Instant now = this.clock.instant();
				Rotation moved = r.moveTo(Rotation.Status.RUNNING, Rotation.Step.ROLLING_BACK, now);
				Rotation next = moved.withProgress(moved.progress().withRetry(0, now))
					.withOutcome(new Rotation.Outcome(r.outcome().startedAt(), null, null));
				this.store.save(next, null);
				this.store.event(
						id, now, "ROLLBACK_REQUESTED", r.status(), next.status(), null, "dependents go back to version "
								+ r.key().fromVersion() + "; the new version stays enabled in Key Vault",
						List.of(), caller.principalId());
				return RotationView.summary(next);
			});
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("Another rotation of this key is in flight; wait for it to finish");
		}
	}

	RotationView get(UUID id) {
		Rotation r = this.store.find(id).orElseThrow(() -> ApiException.notFound("Rotation", id.toString()));
		return RotationView.of(r, this.store.dependents(id), this.store.events(id));
	}

	PageResponse<RotationView> list(RotationFilter filter, PageQuery page) {
		int size = (page.size() != null) ? page.size() : PageQuery.DEFAULT_SIZE;
		int number = (page.page() != null) ? page.page() : 0;
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		if (filter.key() != null) {
			where.append(" AND (r.key_id = ? OR lower(r.key_name) = ?)");
			args.add(filter.key().toLowerCase(java.util.Locale.ROOT));
			args.add(filter.key().toLowerCase(java.util.Locale.ROOT));
		}
		if (filter.vault() != null) {
			where.append(" AND lower(r.vault_id) = ?");
			args.add(ArmIds.key(filter.vault()));
		}
		if (filter.workspace() != null) {
			where.append(" AND EXISTS (SELECT 1 FROM rotation_dependent d WHERE d.rotation_id = r.id "
					+ "AND d.resource_key = ?)");
			args.add(ArmIds.key(filter.workspace()));
		}
		if (filter.state() != null) {
			where.append(" AND r.status = ?");
			args.add(filter.state().name());
		}
		if (filter.trigger() != null) {
			where.append(" AND r.trigger = ?");
			args.add(filter.trigger().name());
		}
		if (filter.from() != null) {
			where.append(" AND r.created_at >= ?");
			args.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" AND r.created_at < ?");
			args.add(Timestamp.from(filter.to()));
		}
		Long total = this.store.jdbc()
			.queryForObject("SELECT count(*) FROM rotation r" + where, Long.class, args.toArray());
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(size);
		pageArgs.add((long) number * size);
		List<UUID> ids = this.store.jdbc()
			.queryForList("SELECT r.id FROM rotation r" + where + " ORDER BY r.created_at DESC, r.id LIMIT ? OFFSET ?",
					UUID.class, pageArgs.toArray());
		List<RotationView> items = ids.stream()
			.map((id) -> this.store.find(id).map(RotationView::summary).orElseThrow())
			.toList();
		long count = (total != null) ? total : 0;
		return new PageResponse<>(items, number, size, count, (int) ((count + size - 1) / size));
	}

	private Rotation lockedOrThrow(UUID id) {
		List<UUID> found = this.store.jdbc()
			.queryForList("SELECT id FROM rotation WHERE id = ? FOR UPDATE", UUID.class, id);
		if (found.isEmpty()) {
			throw ApiException.notFound("Rotation", id.toString());
		}
		return this.store.find(id).orElseThrow();
	}

	private <T> T inTx(java.util.function.Supplier<T> work) {
		T result = this.tx.execute((status) -> work.get());
		if (result == null) {
			throw new IllegalStateException("no result");
		}
		return result;
	}

	/**
	 * History filters.
	 *
	 * @param key key id, or key name
	 * @param vault vault ARM id
	 * @param workspace a dependent's ARM id
	 * @param state status
	 * @param trigger trigger
	 * @param from created at or after
	 * @param to created before
	 */
	record RotationFilter(@Nullable String key, @Nullable String vault, @Nullable String workspace,
			Rotation.@Nullable Status state, Rotation.@Nullable Trigger trigger, @Nullable Instant from,
			@Nullable Instant to) {
	}

	/**
	 * The outcome of a start request.
	 *
	 * @param rotation the rotation
	 * @param created whether this request created it
	 */
	record Started(RotationView rotation, boolean created) {
	}

}
