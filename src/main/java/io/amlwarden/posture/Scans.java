package io.amlwarden.posture;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.amlwarden.api.SqlValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Stored scans. The database arbitrates between replicas: a unique index allows one
 * active scan per scope, and queued scans are claimed with
 * {@code FOR UPDATE SKIP LOCKED}.
 */
@Repository
class Scans {

	private static final String COLUMNS = "id, state, subscription_ids, resource_groups, workspace_ids, profile, "
			+ "trigger, schedule_name, requested_by, created_at, started_at, finished_at, workspaces, results, "
			+ "failed_results, unknown_results, findings_opened, findings_regressed, findings_resolved, arm_requests, "
			+ "graph_requests, key_vault_requests, throttled_requests, unreadable, error";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	Scans(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Queues a scan unless its scope already has an active one.
	 * @return the new scan's id, or empty when the scope is busy
	 */
	Optional<UUID> enqueue(ScanScope scope, String profile, String trigger, @Nullable String scheduleName,
			String requestedBy, Instant now) {
		UUID id = UUID.randomUUID();
		try {
			this.jdbc.update(
					"INSERT INTO scan (id, scope_key, subscription_ids, resource_groups, workspace_ids, profile, trigger, "
							+ "schedule_name, requested_by, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?)",
					(ps) -> {
						ps.setObject(1, id);
						ps.setString(2, scope.key());
						ps.setArray(3, ps.getConnection().createArrayOf("text", scope.subscriptions().toArray()));
						ps.setArray(4, ps.getConnection().createArrayOf("text", scope.resourceGroups().toArray()));
						ps.setArray(5, ps.getConnection().createArrayOf("text", scope.workspaces().toArray()));
						ps.setString(6, profile);
						ps.setString(7, trigger);
						ps.setString(8, scheduleName);
						ps.setString(9, requestedBy);
						ps.setTimestamp(10, Timestamp.from(now));
					});
			return Optional.of(id);
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
	}

	Optional<UUID> activeFor(ScanScope scope) {
		return this.jdbc
			.queryForList("SELECT id FROM scan WHERE scope_key = ? AND state IN ('QUEUED', 'RUNNING')", UUID.class,
					scope.key())
			.stream()
			.findFirst();
	}

	/**
	 * Claims the oldest queued scan for this replica.
	 */
	Optional<ScanView> claim(String owner, Instant now) {
		return this.jdbc
			.query("UPDATE scan SET state = 'RUNNING', started_at = ?, heartbeat_at = ?, owner = ? WHERE id = "
					+ "(SELECT id FROM scan WHERE state = 'QUEUED' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
					+ "RETURNING " + COLUMNS, (rs, n) -> view(rs), Timestamp.from(now), Timestamp.from(now), owner)
			.stream()
			.findFirst();
	}

	boolean heartbeat(UUID id, String owner, Instant now) {
		return this.jdbc.update("UPDATE scan SET heartbeat_at = ? WHERE id = ? AND owner = ? AND state = 'RUNNING'",
				Timestamp.from(now), id, owner) == 1;
	}

	/**
	 * Ends a running scan, if this replica still owns it.
	 * @return false if the scan was taken from this replica (declared abandoned)
	 */
	boolean finish(UUID id, String owner, ScanState state, Instant now, ScanView.@Nullable Counts counts,
			ScanView.@Nullable Requests requests, List<ScanView.Unreadable> unreadable, @Nullable String error) {
		return this.jdbc.update("UPDATE scan SET state = ?, finished_at = ?, workspaces = ?, results = ?, "
				+ "failed_results = ?, unknown_results = ?, findings_opened = ?, findings_regressed = ?, "
				+ "findings_resolved = ?, arm_requests = ?, graph_requests = ?, key_vault_requests = ?, "
				+ "throttled_requests = ?, unreadable = ?, error = ? WHERE id = ? AND owner = ? AND state = 'RUNNING'",
				state.name(), Timestamp.from(now), (counts != null) ? counts.workspaces() : null,
				(counts != null) ? counts.results() : null, (counts != null) ? counts.failedResults() : null,
				(counts != null) ? counts.unknownResults() : null, (counts != null) ? counts.findingsOpened() : null,
				(counts != null) ? counts.findingsRegressed() : null,
				(counts != null) ? counts.findingsResolved() : null, (requests != null) ? requests.arm() : null,
				(requests != null) ? requests.resourceGraph() : null, (requests != null) ? requests.keyVault() : null,
				(requests != null) ? requests.throttled() : null, this.json.writeValueAsString(unreadable),
				(error != null && error.length() > 1000) ? error.substring(0, 1000) : error, id, owner) == 1;
	}

	/**
	 * Fails running scans whose replica stopped sending heartbeats, freeing their scope.
	 * @return the abandoned scans
	 */
	List<UUID> abandon(Duration staleAfter, Instant now) {
		return this.jdbc.queryForList("UPDATE scan SET state = 'FAILED', finished_at = ?, error = "
				+ "'abandoned: the replica running it stopped (no heartbeat)' WHERE state = 'RUNNING' AND heartbeat_at < ? "
				+ "RETURNING id", UUID.class, Timestamp.from(now), Timestamp.from(now.minus(staleAfter)));
	}

	Optional<ScanView> get(UUID id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM scan WHERE id = ?", (rs, n) -> view(rs), id)
			.stream()
			.findFirst();
	}

	List<ScanView> page(Filter filter, int limit, long offset) {
		List<Object> args = new ArrayList<>(filter.args());
		args.add(limit);
		args.add(offset);
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM scan" + filter.where() + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
				(rs, n) -> view(rs), args.toArray());
	}

	long count(Filter filter) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM scan" + filter.where(), Long.class,
				filter.args().toArray());
		return (count != null) ? count : 0;
	}

	/**
	 * Which scans a list shows; null fields do not filter.
	 *
	 * @param subscription scans covering this subscription (any case)
	 * @param state scans in this state
	 * @param trigger scans started this way
	 * @param from scans queued at or after this time
	 * @param to scans queued before this time
	 */
	record Filter(@Nullable String subscription, @Nullable ScanState state, @Nullable String trigger,
			@Nullable Instant from, @Nullable Instant to) {

		String where() {
			List<String> clauses = new ArrayList<>();
			if (this.subscription != null) {
				// Scopes hold subscription ids as given: compare lower-cased.
				clauses.add("EXISTS (SELECT 1 FROM unnest(subscription_ids) s WHERE lower(s) = ?)");
			}
			if (this.state != null) {
				clauses.add("state = ?");
			}
			if (this.trigger != null) {
				clauses.add("trigger = ?");
			}
			if (this.from != null) {
				clauses.add("created_at >= ?");
			}
			if (this.to != null) {
				clauses.add("created_at < ?");
			}
			return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
		}

		List<Object> args() {
			List<Object> args = new ArrayList<>();
			if (this.subscription != null) {
				args.add(this.subscription.toLowerCase(java.util.Locale.ROOT));
			}
			if (this.state != null) {
				args.add(this.state.name());
			}
			if (this.trigger != null) {
				args.add(this.trigger);
			}
			if (this.from != null) {
				args.add(Timestamp.from(this.from));
			}
			if (this.to != null) {
				args.add(Timestamp.from(this.to));
			}
			return args;
		}

	}

	private ScanView view(ResultSet rs) throws SQLException {
		ScanScope scope = new ScanScope(strings(rs.getArray("subscription_ids")),
				strings(rs.getArray("resource_groups")), strings(rs.getArray("workspace_ids")));
		Instant started = SqlValues.instant(rs, "started_at");
		Instant finished = SqlValues.instant(rs, "finished_at");
		Double duration = (started != null && finished != null)
				? Duration.between(started, finished).toMillis() / 1000.0 : null;
		ScanView.Counts counts = (rs.getObject("results") != null) ? new ScanView.Counts(rs.getInt("workspaces"),
				rs.getInt("results"), rs.getInt("failed_results"), rs.getInt("unknown_results"),
				rs.getInt("findings_opened"), rs.getInt("findings_regressed"), rs.getInt("findings_resolved")) : null;
		ScanView.Requests requests = (rs.getObject("arm_requests") != null)
				? new ScanView.Requests(rs.getLong("arm_requests"), rs.getLong("graph_requests"),
						rs.getLong("key_vault_requests"), rs.getLong("throttled_requests"))
				: null;
		String unreadable = rs.getString("unreadable");
		List<ScanView.Unreadable> unreadableList = (unreadable != null)
				? this.json.readValue(unreadable, new TypeReference<List<ScanView.Unreadable>>() {
				}) : List.of();
		return new ScanView(rs.getObject("id", UUID.class), ScanState.valueOf(rs.getString("state")), scope,
				rs.getString("profile"), rs.getString("trigger"), rs.getString("schedule_name"),
				rs.getString("requested_by"), rs.getTimestamp("created_at").toInstant(), started, finished, duration,
				counts, requests, unreadableList, rs.getString("error"));
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

}
