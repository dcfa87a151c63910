package io.amlwarden.findings;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Bulk reads and writes of findings in plain JDBC: a scan of thousands of workspaces
 * touches hundreds of thousands of rows, which JPA's per-entity writes cannot do in time.
 */
@Repository
class FindingStore {

	private static final int CHUNK = 5_000;

	private static final int BATCH = 1_000;

	// New findings in one recording above which finding's statistics are refreshed.
	private static final int ANALYZE_AFTER = 10_000;

	// Any stable number: the advisory lock that serializes ledger writes across replicas.
	private static final long LEDGER_LOCK = 0x4157_4c45_4447_4552L;

	private static final Pattern RESOURCE_GROUP = Pattern.compile("/resourcegroups/([^/]+)", Pattern.CASE_INSENSITIVE);

	private final JdbcTemplate jdbc;

	FindingStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void lockLedger() {
		this.jdbc.query("SELECT pg_advisory_xact_lock(?)", (rs) -> {
		}, LEDGER_LOCK);
	}

	Map<String, ExistingFinding> findByFingerprints(Set<String> fingerprints) {
		Map<String, ExistingFinding> found = new HashMap<>();
		List<String> all = new ArrayList<>(fingerprints);
		for (int from = 0; from < all.size(); from += CHUNK) {
			String[] chunk = all.subList(from, Math.min(all.size(), from + CHUNK)).toArray(String[]::new);
			// A join on unnest, not "= ANY(?)": once the driver switches to a server-side
			// prepared statement, PostgreSQL's generic plan for ANY over an array
			// parameter is a sequential scan.
			this.jdbc.query("SELECT f.id, f.fingerprint, f.state, f.change, f.evidence_observed, f.subscription_id, "
					+ "f.resource_group, f.suppression_id, ARRAY(SELECT w.workspace_key FROM finding_workspace w "
					+ "WHERE w.finding_id = f.id) AS workspaces FROM unnest(?::text[]) AS k(fingerprint) "
					+ "JOIN finding f ON f.fingerprint = k.fingerprint",
					(PreparedStatement ps) -> ps.setArray(1, textArray(ps, chunk)), (ResultSet rs) -> {
						ExistingFinding row = existing(rs);
						found.put(row.fingerprint(), row);
					});
		}
		return found;
	}

	/**
	 * Findings not yet resolved, of the scan's checks, inside what it covered.
	 */
	List<ExistingFinding> findUnresolvedIn(ScanCoverage coverage) {
		if (coverage.subscriptionIds().isEmpty() || coverage.checkIds().isEmpty()) {
			return List.of();
		}
		String[] subscriptions = coverage.subscriptionIds().toArray(String[]::new);
		String[] checks = coverage.checkIds().toArray(String[]::new);
		List<ExistingFinding> candidates = new ArrayList<>();
		this.jdbc.query(
				"SELECT id, fingerprint, state, change, evidence_observed, subscription_id, resource_group, suppression_id, "
						+ "NULL::text[] AS workspaces FROM finding "
						+ "WHERE state <> 'RESOLVED' AND subscription_id = ANY(?) AND lower(check_id) = ANY(?)",
				(PreparedStatement ps) -> {
					ps.setArray(1, textArray(ps, subscriptions));
					ps.setArray(2, textArray(ps, checks));
				}, (ResultSet rs) -> {
					candidates.add(existing(rs));
				});
		Map<UUID, Set<String>> workspaces = coverage.workspaceIds().isEmpty() ? Map.of()
				: workspacesOf(candidates.stream().map(ExistingFinding::id).toList());
		return candidates.stream()
			.filter((row) -> coverage.covers(row.subscriptionId(), row.resourceGroup(),
					workspaces.getOrDefault(row.id(), Set.of())))
			.toList();
	}

	private Map<UUID, Set<String>> workspacesOf(List<UUID> ids) {
		Map<UUID, Set<String>> result = new HashMap<>();
		for (int from = 0; from < ids.size(); from += CHUNK) {
			UUID[] chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(UUID[]::new);
			this.jdbc.query(
					"SELECT w.finding_id, w.workspace_key FROM unnest(?::uuid[]) AS k(id) "
							+ "JOIN finding_workspace w ON w.finding_id = k.id",
					(PreparedStatement ps) -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", chunk)),
					(ResultSet rs) -> {
						result.computeIfAbsent(rs.getObject(1, UUID.class), (key) -> new HashSet<>())
							.add(rs.getString(2));
					});
		}
		return result;
	}

	void write(Instant at, UUID scanId, List<NewFinding> inserts, List<UUID> unchanged, List<FindingUpdate> updates,
			List<StateChange> events) {
		Timestamp now = Timestamp.from(at);
		// Most findings of a routine scan fail exactly as before: one set-based statement
		// per chunk instead of a full row rewrite each.
		for (int from = 0; from < unchanged.size(); from += CHUNK) {
			UUID[] chunk = unchanged.subList(from, Math.min(unchanged.size(), from + CHUNK)).toArray(UUID[]::new);
			this.jdbc
				.update("UPDATE finding f SET change = 'UNCHANGED', last_seen_at = ?, occurrences = f.occurrences + 1, "
						+ "last_scan_id = ? FROM unnest(?::uuid[]) AS k(id) WHERE f.id = k.id", (ps) -> {
							ps.setTimestamp(1, now);
							ps.setObject(2, scanId, Types.OTHER);
							ps.setArray(3, ps.getConnection().createArrayOf("uuid", chunk));
						});
		}
		batch("INSERT INTO finding (id, fingerprint, check_id, check_title, severity, category, resource_id, "
				+ "resource_key, resource_type, resource_name, subscription_id, resource_group, discriminator, state, "
				+ "change, first_seen_at, last_seen_at, state_changed_at, occurrences, last_scan_id, evidence_path, "
				+ "evidence_observed, evidence_expected, detail, remediation, suppression_id) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)", inserts,
				(ps, row) -> {
					Observation o = row.observation();
					ps.setObject(1, row.id());
					ps.setString(2, row.fingerprint());
					ps.setString(3, o.checkId());
					ps.setString(4, bounded(o.checkTitle(), 300));
					ps.setString(5, o.severity());
					ps.setString(6, o.category().toUpperCase(Locale.ROOT));
					ps.setString(7, o.resourceId());
					ps.setString(8, o.resourceId().toLowerCase(Locale.ROOT));
					ps.setString(9, o.resourceType());
					ps.setString(10, bounded(o.resourceName(), 300));
					ps.setString(11, o.subscriptionId().toLowerCase(Locale.ROOT));
					ps.setString(12, resourceGroupOf(o.resourceId()));
					ps.setString(13, bounded(o.discriminator(), 512));
					ps.setString(14, row.state().name());
					ps.setTimestamp(15, now);
					ps.setTimestamp(16, now);
					ps.setTimestamp(17, now);
					ps.setObject(18, row.scanId(), Types.OTHER);
					setEvidence(ps, 19, o);
					ps.setObject(24, row.suppressionId(), Types.OTHER);
				});
		if (inserts.size() >= ANALYZE_AFTER) {
			// A first scan inserts its findings and then their links in one transaction.
			// Until finding's statistics count those rows, PostgreSQL plans the link
			// statements (foreign key checks, the V9 count triggers) as if finding were
			// nearly empty: a hash of every open finding per 128-link statement instead
			// of a primary key probe per link, minutes instead of seconds at 500,000.
			// ANALYZE counts this transaction's own rows and invalidates those plans.
			this.jdbc.execute("ANALYZE finding");
		}
		List<FindingUpdate> failing = updates.stream().filter((update) -> !update.resolve()).toList();
		batch("UPDATE finding SET state = ?, change = ?, last_seen_at = ?, occurrences = occurrences + 1, "
				+ "last_scan_id = ?, evidence_path = ?, evidence_observed = ?, evidence_expected = ?, detail = ?, "
				+ "remediation = ?, check_title = ?, severity = ?, category = ?, suppression_id = ?, resolved_at = NULL, "
				+ "state_changed_at = CASE WHEN ? THEN ? ELSE state_changed_at END WHERE id = ?", failing,
				(ps, row) -> {
					Observation o = row.observation();
					ps.setString(1, row.state().name());
					ps.setString(2, row.change().name());
					ps.setTimestamp(3, now);
					ps.setObject(4, row.scanId(), Types.OTHER);
					setEvidence(ps, 5, o);
					ps.setString(10, bounded(o.checkTitle(), 300));
					ps.setString(11, o.severity());
					ps.setString(12, o.category().toUpperCase(Locale.ROOT));
					ps.setObject(13, row.suppressionId(), Types.OTHER);
					ps.setBoolean(14, row.stateChanged());
					ps.setTimestamp(15, now);
					ps.setObject(16, row.id());
				});
		batch("UPDATE finding SET state = 'RESOLVED', resolved_at = ?, state_changed_at = ?, suppression_id = NULL, "
				+ "last_scan_id = ? WHERE id = ?", updates.stream().filter(FindingUpdate::resolve).toList(),
				(ps, row) -> {
					ps.setTimestamp(1, now);
					ps.setTimestamp(2, now);
					ps.setObject(3, row.scanId(), Types.OTHER);
					ps.setObject(4, row.id());
				});
		// Workspaces can change between scans (a vault re-linked): rewrite them where
		// they did.
		List<FindingUpdate> relinked = failing.stream().filter(FindingUpdate::rewriteLinks).toList();
		batch("DELETE FROM finding_workspace WHERE finding_id = ?", relinked, (ps, row) -> ps.setObject(1, row.id()));
		List<Object[]> links = new ArrayList<>();
		for (NewFinding row : inserts) {
			addLinks(links, row.id(), row.observation());
		}
		for (FindingUpdate row : relinked) {
			addLinks(links, row.id(), row.observation());
		}
		batch("INSERT INTO finding_workspace (finding_id, workspace_key) VALUES (?, ?) ON CONFLICT DO NOTHING", links,
				(ps, link) -> {
					ps.setObject(1, link[0]);
					ps.setString(2, (String) link[1]);
				});
		appendEvents(at, events);
	}

	/**
	 * Folds the signed deltas that the V9 triggers append to {@code finding_count} and
	 * {@code workspace_open_count} into one row per key, dropping keys that sum to zero;
	 * sums, and so what readers see, are unchanged. Only keys with more than one row are
	 * rewritten. Safe beside concurrent writers and compactions: uncommitted deltas are
	 * invisible here and stay, and only the rows this statement actually deleted are
	 * summed back.
	 */
	void compactCounts() {
		this.jdbc.update("WITH keys AS (SELECT subscription_id, state, severity FROM finding_count GROUP BY 1, 2, 3 "
				+ "HAVING count(*) > 1 OR sum(n) = 0), moved AS (DELETE FROM finding_count c USING keys k "
				+ "WHERE c.subscription_id = k.subscription_id AND c.state = k.state AND c.severity = k.severity "
				+ "RETURNING c.subscription_id, c.state, c.severity, c.n) "
				+ "INSERT INTO finding_count (subscription_id, state, severity, n) "
				+ "SELECT subscription_id, state, severity, sum(n) FROM moved GROUP BY 1, 2, 3 HAVING sum(n) <> 0");
		this.jdbc.update("WITH keys AS (SELECT workspace_key, severity FROM workspace_open_count GROUP BY 1, 2 "
				+ "HAVING count(*) > 1 OR sum(n) = 0), moved AS (DELETE FROM workspace_open_count c USING keys k "
				+ "WHERE c.workspace_key = k.workspace_key AND c.severity = k.severity "
				+ "RETURNING c.workspace_key, c.severity, c.n) "
				+ "INSERT INTO workspace_open_count (workspace_key, severity, n) "
				+ "SELECT workspace_key, severity, sum(n) FROM moved GROUP BY 1, 2 HAVING sum(n) <> 0");
	}

	void appendEvents(Instant at, List<StateChange> events) {
		Timestamp now = Timestamp.from(at);
		batch("INSERT INTO finding_event (finding_id, occurred_at, from_state, to_state, change, scan_id, reason) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?)", events, (ps, event) -> {
					ps.setObject(1, event.findingId());
					ps.setTimestamp(2, now);
					ps.setString(3, (event.from() != null) ? event.from().name() : null);
					ps.setString(4, event.to().name());
					ps.setString(5, event.change().name());
					ps.setObject(6, event.scanId(), Types.OTHER);
					ps.setString(7, bounded(event.reason(), 300));
				});
	}

	private static void addLinks(List<Object[]> links, UUID id, @Nullable Observation observation) {
		if (observation == null) {
			return;
		}
		Set<String> keys = new HashSet<>();
		for (String workspace : observation.workspaceIds()) {
			if (keys.add(workspace.toLowerCase(Locale.ROOT))) {
				links.add(new Object[] { id, workspace.toLowerCase(Locale.ROOT) });
			}
		}
	}

	private static void setEvidence(PreparedStatement ps, int first, Observation o) throws SQLException {
		ps.setString(first, bounded(o.propertyPath(), 300));
		ps.setString(first + 1, bounded(o.observed(), 2000));
		ps.setString(first + 2, bounded(o.expected(), 500));
		ps.setString(first + 3, bounded(o.detail(), 2000));
		ps.setString(first + 4, bounded(o.remediation(), 2000));
	}

	private <T> void batch(String sql, List<T> items, Binder<T> binder) {
		for (int from = 0; from < items.size(); from += BATCH) {
			List<T> chunk = items.subList(from, Math.min(items.size(), from + BATCH));
			this.jdbc.batchUpdate(sql, chunk, chunk.size(), binder::bind);
		}
	}

	private static Array textArray(PreparedStatement ps, String[] values) throws SQLException {
		return ps.getConnection().createArrayOf("text", values);
	}

	private static ExistingFinding existing(ResultSet rs) throws SQLException {
		Array workspaces = rs.getArray("workspaces");
		Set<String> workspaceKeys = (workspaces != null) ? Set.of((String[]) workspaces.getArray()) : Set.of();
		return new ExistingFinding(rs.getObject("id", UUID.class), rs.getString("fingerprint"),
				FindingState.valueOf(rs.getString("state")), FindingChange.valueOf(rs.getString("change")),
				rs.getString("evidence_observed"), rs.getString("subscription_id"), rs.getString("resource_group"),
				rs.getObject("suppression_id", UUID.class), workspaceKeys);
	}

	static @Nullable String resourceGroupOf(String resourceId) {
		Matcher matcher = RESOURCE_GROUP.matcher(resourceId);
		return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
	}

	private static @Nullable String bounded(@Nullable String value, int max) {
		return FindingsLedger.bounded(value, max);
	}

	@FunctionalInterface
	interface Binder<T> {

		void bind(PreparedStatement ps, T item) throws SQLException;

	}

	record ExistingFinding(UUID id, String fingerprint, FindingState state, FindingChange change,
			@Nullable String observed, String subscriptionId, @Nullable String resourceGroup,
			@Nullable UUID suppressionId, Set<String> workspaces) {
	}

	record NewFinding(UUID id, String fingerprint, Observation observation, FindingState state,
			@Nullable UUID suppressionId, UUID scanId) {
	}

	/**
	 * @param observation the failing observation, or {@code null} when resolving
	 * @param change the new change marker, or {@code null} when resolving (kept as it
	 * was)
	 */
	record FindingUpdate(UUID id, @Nullable Observation observation, FindingState state, @Nullable FindingChange change,
			UUID scanId, @Nullable UUID suppressionId, boolean stateChanged, boolean resolve, boolean rewriteLinks) {
	}

	record StateChange(UUID findingId, @Nullable FindingState from, FindingState to, FindingChange change,
			@Nullable UUID scanId, String reason) {
	}

}
