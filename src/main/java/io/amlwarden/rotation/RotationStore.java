package io.amlwarden.rotation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import static io.amlwarden.rotation.PolicyStore.instant;
import static io.amlwarden.rotation.PolicyStore.ts;

/**
 * Rotations, their dependents and their append-only events, through plain SQL. Workers
 * claim runnable rotations with {@code FOR UPDATE SKIP LOCKED} and a lease; every later
 * write is fenced by the claim's token, so a worker whose lease was taken over can no
 * longer change the rotation.
 */
@Repository
class RotationStore {

	private static final RowMapper<Rotation> MAPPER = RotationStore::map;

	private static final RowMapper<DependentRow> DEPENDENT = (rs, row) -> new DependentRow(
			rs.getObject("rotation_id", UUID.class), rs.getString("resource_id"), rs.getString("resource_key"),
			PlanView.DependentKind.valueOf(rs.getString("kind")),
			PlanView.DependentAction.valueOf(rs.getString("action")), DependentState.valueOf(rs.getString("state")),
			rs.getString("before_kid"), rs.getString("after_kid"), instant(rs, "verified_at"), rs.getString("error"),
			instant(rs, "updated_at"));

	private static final RowMapper<EventRow> EVENT = (rs, row) -> new EventRow(rs.getLong("id"),
			instant(rs, "occurred_at"), rs.getString("type"), rs.getString("from_status"), rs.getString("to_status"),
			rs.getString("resource_id"), rs.getString("detail"), rs.getString("azure_request_ids"),
			rs.getString("actor"));

	private final JdbcTemplate jdbc;

	RotationStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/**
	 * When each key's last rotation was verified, for the keys that have one.
	 * @param keyIds lower-cased key ARM ids
	 */
	Map<String, Instant> lastVerified(Collection<String> keyIds) {
		Map<String, Instant> at = new HashMap<>();
		if (keyIds.isEmpty()) {
			return at;
		}
		this.jdbc.query("SELECT key_id, max(finished_at) AS at FROM rotation WHERE status = 'VERIFIED' "
				+ "AND key_id = ANY(?) GROUP BY key_id", (rs) -> {
					if (rs.getTimestamp("at") != null) {
						at.put(rs.getString("key_id"), rs.getTimestamp("at").toInstant());
					}
				}, (Object) keyIds.toArray(String[]::new));
		return at;
	}

	void insert(Rotation r) {
		Rotation.Key key = r.key();
		Rotation.Plan plan = r.plan();
		Rotation.Progress progress = r.progress();
		this.jdbc
			.update("INSERT INTO rotation (id, plan_id, policy_id, key_id, vault_id, vault_url, key_name, trigger, "
					+ "status, step, from_version, to_version, to_kid, requested_by, requested_by_name, approved_by, "
					+ "approved_at, approval_expires_at, idempotency_key, request_hash, window_start, window_end, "
					+ "jitter_seconds, attempts, next_attempt_at, error, started_at, finished_at, created_at, updated_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					r.id(), plan.planId(), plan.policyId(), key.keyId(), key.vaultId(), key.vaultUrl(), key.keyName(),
					plan.trigger().name(), r.status().name(), r.step().name(), key.fromVersion(), key.toVersion(),
					key.toKid(), plan.requestedBy(), plan.requestedByName(), plan.approvedBy(), ts(plan.approvedAt()),
					ts(plan.approvalExpiresAt()), plan.idempotencyKey(), plan.requestHash(), ts(plan.windowStart()),
					ts(plan.windowEnd()), plan.jitterSeconds(), progress.attempts(), ts(progress.nextAttemptAt()),
					r.outcome().error(), ts(r.outcome().startedAt()), ts(r.outcome().finishedAt()), ts(r.createdAt()),
					ts(progress.updatedAt()));
	}

	Optional<Rotation> find(UUID id) {
		return this.jdbc.query("SELECT * FROM rotation WHERE id = ?", MAPPER, id).stream().findFirst();
	}

	Optional<Rotation> findByIdempotencyKey(String requestedBy, String key) {
		return this.jdbc
			.query("SELECT * FROM rotation WHERE requested_by = ? AND idempotency_key = ?", MAPPER, requestedBy, key)
			.stream()
			.findFirst();
	}

	Optional<Rotation> inFlight(String keyId) {
		return this.jdbc
			.query("SELECT * FROM rotation WHERE key_id = ? AND status IN ('PLANNED', 'APPROVED', 'RUNNING', "
					+ "'PROPAGATING', 'DEFERRED')", MAPPER, keyId)
			.stream()
			.findFirst();
	}

	Optional<Rotation> latest(String keyId) {
		return this.jdbc
			.query("SELECT * FROM rotation WHERE key_id = ? ORDER BY created_at DESC, id LIMIT 1", MAPPER, keyId)
			.stream()
			.findFirst();
	}

	/**
	 * Claims runnable rotations: due, and not held by a live lease. Commits at once, so
	 * the claim survives while the work runs outside any transaction.
	 */
	List<Rotation> claim(Instant now, String worker, java.time.Duration lease, int limit) {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList("SELECT id, locked_by, locked_until, step FROM rotation "
					+ "WHERE status IN ('APPROVED', 'RUNNING', 'PROPAGATING', 'DEFERRED') "
					+ "AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?) "
					+ "ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED", ts(now), ts(now), limit);
		List<Rotation> claimed = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			UUID id = (UUID) row.get("id");
			if (row.get("locked_by") != null) {
				// A worker that finishes or pauses always releases its lease, so a lease
				// still held here lapsed: that worker died or stalled mid-step. Without
				// this event the history would read as one uninterrupted run.
				event(id, now, "LEASE_TAKEN_OVER", null, null, null,
						"the lease of worker " + row.get("locked_by") + " lapsed at "
								+ asInstant(row.get("locked_until")) + " without being released; worker " + worker
								+ " resumes at step " + row.get("step"),
						List.of(), worker);
			}
			UUID token = UUID.randomUUID();
			this.jdbc.update("UPDATE rotation SET locked_by = ?, locked_until = ?, lock_token = ? WHERE id = ?", worker,
					ts(now.plus(lease)), token, id);
			find(id).ifPresent(claimed::add);
		}
		return claimed;
	}

	/**
	 * Extends a lease; false when it was lost.
	 */
	boolean renew(UUID id, UUID token, Instant until) {
		return this.jdbc.update("UPDATE rotation SET locked_until = ? WHERE id = ? AND lock_token = ?", ts(until), id,
				token) == 1;
	}

	void release(UUID id, UUID token) {
		this.jdbc.update(
				"UPDATE rotation SET locked_by = NULL, locked_until = NULL, lock_token = NULL WHERE id = ? AND lock_token = ?",
				id, token);
	}

	/**
	 * Writes the rotation's progress, fenced by the lease token (or unfenced for API
	 * transitions that hold no lease, with {@code token == null}).
	 * @return whether the row was written
	 */
	boolean save(Rotation r, @Nullable UUID token) {
		String fence = (token != null) ? " AND lock_token = ?" : " AND lock_token IS NULL";
		List<Object> args = new ArrayList<>(List.of(r.status().name(), r.step().name()));
		args.add(r.key().fromVersion());
		args.add(r.key().toVersion());
		args.add(r.key().toKid());
		args.add(r.plan().approvedBy());
		args.add(ts(r.plan().approvedAt()));
		args.add(ts(r.plan().approvalExpiresAt()));
		args.add(r.progress().attempts());
		args.add(ts(r.progress().nextAttemptAt()));
		args.add(ts(r.progress().rotateRequestedAt()));
		args.add(r.outcome().error());
		args.add(ts(r.outcome().startedAt()));
		args.add(ts(r.outcome().finishedAt()));
		args.add(ts(r.progress().updatedAt()));
		args.add(r.id());
		if (token != null) {
			args.add(token);
		}
		return this.jdbc.update("UPDATE rotation SET status = ?, step = ?, from_version = ?, to_version = ?, "
				+ "to_kid = ?, approved_by = ?, approved_at = ?, approval_expires_at = ?, attempts = ?, "
				+ "next_attempt_at = ?, rotate_requested_at = ?, error = ?, started_at = ?, finished_at = ?, "
				+ "updated_at = ? WHERE id = ?" + fence, args.toArray()) == 1;
	}

	void insertDependent(UUID rotationId, PlanView.PlannedDependent d, Instant now) {
		this.jdbc.update(
				"INSERT INTO rotation_dependent (rotation_id, resource_id, resource_key, kind, action, state, "
						+ "before_kid, updated_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)",
				rotationId, d.resourceId(), io.amlwarden.inventory.ArmIds.key(d.resourceId()), d.kind().name(),
				d.action().name(), d.currentKid(), ts(now));
	}

	void deleteDependents(UUID rotationId) {
		this.jdbc.update("DELETE FROM rotation_dependent WHERE rotation_id = ?", rotationId);
	}

	void updateDependent(UUID rotationId, String resourceKey, DependentState state, @Nullable String afterKid,
			@Nullable Instant verifiedAt, @Nullable String error, Instant now) {
		this.jdbc.update(
				"UPDATE rotation_dependent SET state = ?, after_kid = ?, verified_at = ?, error = ?, "
						+ "updated_at = ? WHERE rotation_id = ? AND resource_key = ?",
				state.name(), afterKid, ts(verifiedAt), error, ts(now), rotationId, resourceKey);
	}

	List<DependentRow> dependents(UUID rotationId) {
		return this.jdbc.query(
				"SELECT * FROM rotation_dependent WHERE rotation_id = ? ORDER BY kind DESC, resource_key", DEPENDENT,
				rotationId);
	}

	void event(UUID rotationId, Instant at, String type, Rotation.@Nullable Status from, Rotation.@Nullable Status to,
			@Nullable String resourceId, @Nullable String detail, List<String> requestIds, String actor) {
		this.jdbc.update(
				"INSERT INTO rotation_event (rotation_id, occurred_at, type, from_status, to_status, "
						+ "resource_id, detail, azure_request_ids, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				rotationId, ts(at), type, (from != null) ? from.name() : null, (to != null) ? to.name() : null,
				resourceId, truncate(detail, 2000),
				requestIds.isEmpty() ? null : truncate(String.join(",", requestIds), 1000), actor);
	}

	List<EventRow> events(UUID rotationId) {
		return this.jdbc.query("SELECT * FROM rotation_event WHERE rotation_id = ? ORDER BY id", EVENT, rotationId);
	}

	void knownVersion(String keyId, String version, String source, @Nullable Instant createdAt, Instant now) {
		this.jdbc.update(
				"INSERT INTO rotation_key_version (key_id, version, source, created_at, first_seen_at) "
						+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
				keyId, version, source, ts(createdAt), ts(now));
	}

	private static @Nullable Object asInstant(@Nullable Object value) {
		return (value instanceof java.sql.Timestamp timestamp) ? timestamp.toInstant() : value;
	}

	static @Nullable String truncate(@Nullable String value, int max) {
		return (value != null && value.length() > max) ? value.substring(0, max) : value;
	}

	private static Rotation map(ResultSet rs, int row) throws SQLException {
		Rotation.Key key = new Rotation.Key(rs.getString("key_id"), rs.getString("vault_id"), rs.getString("vault_url"),
				rs.getString("key_name"), rs.getString("from_version"), rs.getString("to_version"),
				rs.getString("to_kid"));
		Rotation.Plan plan = new Rotation.Plan(rs.getObject("plan_id", UUID.class),
				rs.getObject("policy_id", UUID.class), Rotation.Trigger.valueOf(rs.getString("trigger")),
				rs.getString("requested_by"), rs.getString("requested_by_name"), rs.getString("approved_by"),
				instant(rs, "approved_at"), instant(rs, "approval_expires_at"), rs.getString("idempotency_key"),
				rs.getString("request_hash"), instant(rs, "window_start"), instant(rs, "window_end"),
				(Long) rs.getObject("jitter_seconds"));
		Rotation.Progress progress = new Rotation.Progress(Rotation.Status.valueOf(rs.getString("status")),
				Rotation.Step.valueOf(rs.getString("step")), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
				instant(rs, "rotate_requested_at"), rs.getString("locked_by"), instant(rs, "locked_until"),
				rs.getObject("lock_token", UUID.class), instant(rs, "updated_at"));
		Rotation.Outcome outcome = new Rotation.Outcome(instant(rs, "started_at"), instant(rs, "finished_at"),
				rs.getString("error"));
		return new Rotation(rs.getObject("id", UUID.class), instant(rs, "created_at"), key, plan, progress, outcome);
	}

	enum DependentState {

		PENDING, VERIFIED, FAILED, ROLLED_BACK

	}

	/**
	 * One dependent's result.
	 */
	record DependentRow(UUID rotationId, String resourceId, String resourceKey, PlanView.DependentKind kind,
			PlanView.DependentAction action, DependentState state, @Nullable String beforeKid,
			@Nullable String afterKid, @Nullable Instant verifiedAt, @Nullable String error, Instant updatedAt) {
	}

	/**
	 * One event.
	 */
	record EventRow(long id, Instant occurredAt, String type, @Nullable String fromStatus, @Nullable String toStatus,
			@Nullable String resourceId, @Nullable String detail, @Nullable String azureRequestIds, String actor) {
	}

}
