package io.amlwarden.rotation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.amlwarden.api.SqlValues;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Rotation policies in {@code rotation_policy}, through plain SQL: the scheduler claims
 * due policies with {@code FOR UPDATE SKIP LOCKED}, which JPA cannot express.
 */
@Repository
class PolicyStore {

	static final RowMapper<Policy> MAPPER = PolicyStore::map;

	private final JdbcTemplate jdbc;

	PolicyStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Policy p) {
		this.jdbc.update("INSERT INTO rotation_policy (id, name, target_kind, workspace_id, vault_id, vault_url, "
				+ "key_name, key_id, rotation_period, expiry_period, window_days, window_start_hour, window_end_hour, "
				+ "max_jitter, notify_before, approval_required, native_rotation, enabled, anchor_at, next_due_at, "
				+ "next_due_reason, deferred_until, created_by, created_at, updated_at, version) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.id(),
				p.name(), p.targetKind().name(), p.workspaceId(), p.vaultId(), p.vaultUrl(), p.keyName(), p.keyId(),
				p.rotationPeriod(), p.expiry(), p.windowDays(), p.windowStartHour(), p.windowEndHour(), p.maxJitter(),
				p.notifyBefore(), p.approvalRequired(), p.nativeRotation(), p.enabled(), ts(p.anchorAt()),
				ts(p.nextDueAt()), p.nextDueReason(), ts(p.deferredUntil()), p.createdBy(), ts(p.createdAt()),
				ts(p.updatedAt()), p.version());
	}

	/**
	 * Replaces a policy if it still has the expected version.
	 * @return whether it was updated
	 */
	boolean update(Policy p, long expectedVersion) {
		return this.jdbc.update("UPDATE rotation_policy SET name = ?, target_kind = ?, workspace_id = ?, vault_id = ?, "
				+ "vault_url = ?, key_name = ?, key_id = ?, rotation_period = ?, expiry_period = ?, window_days = ?, "
				+ "window_start_hour = ?, window_end_hour = ?, max_jitter = ?, notify_before = ?, "
				+ "approval_required = ?, native_rotation = ?, enabled = ?, anchor_at = ?, next_due_at = ?, "
				+ "next_due_reason = ?, deferred_until = ?, updated_at = ?, version = version + 1 "
				+ "WHERE id = ? AND version = ?", p.name(), p.targetKind().name(), p.workspaceId(), p.vaultId(),
				p.vaultUrl(), p.keyName(), p.keyId(), p.rotationPeriod(), p.expiry(), p.windowDays(),
				p.windowStartHour(), p.windowEndHour(), p.maxJitter(), p.notifyBefore(), p.approvalRequired(),
				p.nativeRotation(), p.enabled(), ts(p.anchorAt()), ts(p.nextDueAt()), p.nextDueReason(),
				ts(p.deferredUntil()), ts(p.updatedAt()), p.id(), expectedVersion) == 1;
	}

	void schedule(UUID id, Instant anchorAt, @Nullable Instant nextDueAt, @Nullable String reason,
			@Nullable Instant deferredUntil, Instant now) {
		this.jdbc.update(
				"UPDATE rotation_policy SET anchor_at = ?, next_due_at = ?, next_due_reason = ?, deferred_until = ?, "
						+ "updated_at = ?, version = version + 1 WHERE id = ?",
				ts(anchorAt), ts(nextDueAt), reason, ts(deferredUntil), ts(now), id);
	}

	void retarget(UUID id, String vaultId, String vaultUrl, String keyName, String keyId) {
		this.jdbc.update("UPDATE rotation_policy SET vault_id = ?, vault_url = ?, key_name = ?, key_id = ?, "
				+ "version = version + 1 WHERE id = ?", vaultId, vaultUrl, keyName, keyId, id);
	}

	Optional<Policy> find(UUID id) {
		return this.jdbc.query("SELECT * FROM rotation_policy WHERE id = ?", MAPPER, id).stream().findFirst();
	}

	Optional<Policy> findByKey(String keyId) {
		return this.jdbc.query("SELECT * FROM rotation_policy WHERE key_id = ?", MAPPER, keyId).stream().findFirst();
	}

	List<Policy> all() {
		return this.jdbc.query("SELECT * FROM rotation_policy ORDER BY created_at, id", MAPPER);
	}

	List<Policy> page(int offset, int limit) {
		return this.jdbc.query("SELECT * FROM rotation_policy ORDER BY created_at DESC, id LIMIT ? OFFSET ?", MAPPER,
				limit, offset);
	}

	long count() {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM rotation_policy", Long.class);
		return (count != null) ? count : 0;
	}

	boolean delete(UUID id) {
		return this.jdbc.update("DELETE FROM rotation_policy WHERE id = ?", id) == 1;
	}

	/**
	 * Claims enabled policies that are due and have no rotation in flight. Must run in a
	 * transaction: the rows stay locked (and invisible to other replicas' claims) until
	 * it commits.
	 */
	List<Policy> claimDue(Instant now, int limit) {
		return this.jdbc.query("SELECT * FROM rotation_policy p WHERE p.enabled AND p.next_due_at <= ? "
				+ "AND NOT EXISTS (SELECT 1 FROM rotation r WHERE r.key_id = p.key_id "
				+ "AND r.status IN ('PLANNED', 'APPROVED', 'RUNNING', 'PROPAGATING', 'DEFERRED')) "
				+ "ORDER BY p.next_due_at, p.id LIMIT ? FOR UPDATE SKIP LOCKED", MAPPER, ts(now), limit);
	}

	private static Policy map(ResultSet rs, int row) throws SQLException {
		return new Policy(rs.getObject("id", UUID.class), rs.getString("name"),
				Policy.TargetKind.valueOf(rs.getString("target_kind")), rs.getString("workspace_id"),
				rs.getString("vault_id"), rs.getString("vault_url"), rs.getString("key_name"), rs.getString("key_id"),
				rs.getString("rotation_period"), rs.getString("expiry_period"), rs.getString("window_days"),
				(Integer) rs.getObject("window_start_hour"), (Integer) rs.getObject("window_end_hour"),
				rs.getString("max_jitter"), rs.getString("notify_before"), rs.getBoolean("approval_required"),
				rs.getBoolean("native_rotation"), rs.getBoolean("enabled"), instant(rs, "anchor_at"),
				instant(rs, "next_due_at"), rs.getString("next_due_reason"), instant(rs, "deferred_until"),
				rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"),
				rs.getLong("version"));
	}

	// Short names kept for the rotation module's many call sites; the conversion itself
	// lives in SqlValues.
	static @Nullable Timestamp ts(@Nullable Instant instant) {
		return SqlValues.timestamp(instant);
	}

	@SuppressWarnings("NullAway")
	static Instant instant(ResultSet rs, String column) throws SQLException {
		return SqlValues.instant(rs, column);
	}

}
