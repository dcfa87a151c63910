package io.amlwarden.overview;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.amlwarden.overview.Overview.BandCount;
import io.amlwarden.overview.Overview.CategoryCount;
import io.amlwarden.overview.Overview.OutcomeCount;
import io.amlwarden.overview.Overview.ScanRef;
import io.amlwarden.overview.Overview.SeverityCount;
import io.amlwarden.overview.Overview.SubscriptionCount;
import io.amlwarden.overview.Overview.SubscriptionScans;
import io.amlwarden.rotation.KeyScope;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the overview from the tables the list endpoints read, in one read-only
 * transaction on one snapshot, so the numbers agree with each other. Open findings by
 * severity and subscription come from the counts the database keeps (V9); the rest are
 * aggregates over small tables or indexed ranges.
 */
@Repository
class OverviewQueries {

	static final int ROTATION_WINDOW_DAYS = 30;

	static final int LOWEST = 10;

	// The keys of the keys page: the last stored row of each key in the subscriptions of
	// the key scope (inventory_key has one row per key and subscription using it).
	private static final String KEYS = "SELECT DISTINCT ON (key_key) key_key, expires_at FROM inventory_key "
			+ "WHERE subscription_id = ANY(?) ORDER BY key_key, collected_at DESC";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final KeyScope keyScope;

	OverviewQueries(JdbcTemplate jdbc, Clock clock, KeyScope keyScope) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.keyScope = keyScope;
	}

	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	Overview overview(@Nullable String subscription) {
		Instant now = this.clock.instant();
		String sub = (subscription != null) ? subscription.toLowerCase(Locale.ROOT) : null;
		return new Overview(now, sub, findings(sub), workspaces(sub), keys(sub, now), waiting(now), scans(sub, now),
				rotations(sub, now));
	}

	private Overview.Findings findings(@Nullable String sub) {
		Object[] args = (sub != null) ? new Object[] { sub } : new Object[0];
		String where = (sub != null) ? " AND subscription_id = ?" : "";
		Map<Overview.Severity, Long> bySeverity = new EnumMap<>(Overview.Severity.class);
		Map<String, Long> bySubscription = new TreeMap<>();
		this.jdbc.query("SELECT subscription_id, severity, sum(n) FROM finding_count WHERE state = 'OPEN'" + where
				+ " GROUP BY 1, 2 HAVING sum(n) <> 0", (rs) -> {
					bySeverity.merge(Overview.Severity.valueOf(rs.getString(2)), rs.getLong(3), Long::sum);
					bySubscription.merge(rs.getString(1), rs.getLong(3), Long::sum);
				}, args);
		List<CategoryCount> byCategory = this.jdbc.query(
				"SELECT category, count(*) FROM finding WHERE state = 'OPEN'" + where
						+ " GROUP BY 1 ORDER BY 2 DESC, 1",
				(rs, n) -> new CategoryCount(rs.getString(1), rs.getLong(2)), args);
		List<SeverityCount> severities = new ArrayList<>();
		bySeverity.forEach((severity, count) -> severities.add(new SeverityCount(severity, count)));
		List<SubscriptionCount> subscriptions = new ArrayList<>();
		bySubscription.forEach((id, count) -> subscriptions.add(new SubscriptionCount(id, count)));
		long open = bySeverity.values().stream().mapToLong(Long::longValue).sum();
		return new Overview.Findings(open, severities, byCategory, subscriptions);
	}

	private Overview.Workspaces workspaces(@Nullable String sub) {
		Object[] args = (sub != null) ? new Object[] { sub } : new Object[0];
		String where = (sub != null) ? " WHERE subscription_id = ?" : "";
		long[] bands = new long[3];
		this.jdbc
			.query("SELECT count(*) FILTER (WHERE score < 50), count(*) FILTER (WHERE score >= 50 AND score < 80), "
					+ "count(*) FILTER (WHERE score >= 80) FROM workspace_posture" + where, (rs) -> {
						bands[0] = rs.getLong(1);
						bands[1] = rs.getLong(2);
						bands[2] = rs.getLong(3);
					}, args);
		List<Object> lowestArgs = new ArrayList<>(List.of(args));
		lowestArgs.add(LOWEST);
		List<Overview.LowWorkspace> lowest = this.jdbc.query(
				"SELECT workspace_uuid, workspace_id, workspace_name, subscription_id, score FROM workspace_posture"
						+ where + " ORDER BY score, workspace_key LIMIT ?",
				(rs, n) -> new Overview.LowWorkspace(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
						rs.getString(4), rs.getInt(5)),
				lowestArgs.toArray());
		return new Overview.Workspaces(bands[0] + bands[1] + bands[2],
				List.of(new BandCount(Overview.ScoreBand.BELOW_50, bands[0]),
						new BandCount(Overview.ScoreBand.FROM_50_TO_79, bands[1]),
						new BandCount(Overview.ScoreBand.AT_LEAST_80, bands[2])),
				lowest);
	}

	private Overview.Keys keys(@Nullable String sub, Instant now) {
		Object subscriptions = this.keyScope.subscriptions(sub).toArray(String[]::new);
		return this.jdbc.queryForObject(
				"WITH k AS (" + KEYS + ") SELECT count(*), count(*) FILTER (WHERE expires_at <= ?), "
						+ "count(*) FILTER (WHERE expires_at <= ?), count(*) FILTER (WHERE expires_at <= ?), "
						+ "(SELECT count(*) FROM rotation_policy p WHERE p.key_id IN (SELECT key_key FROM k) "
						+ "AND p.next_due_at < ?) FROM k",
				(rs, n) -> new Overview.Keys(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
				subscriptions, days(now, 7), days(now, 30), days(now, 90), Timestamp.from(now));
	}

	private static Timestamp days(Instant now, int days) {
		return Timestamp.from(now.plus(Duration.ofDays(days)));
	}

	private Overview.Waiting waiting(Instant now) {
		return this.jdbc.queryForObject(
				"SELECT (SELECT count(*) FROM suppression WHERE status = 'PENDING'), "
						+ "(SELECT count(*) FROM rotation WHERE status = 'PLANNED'), "
						+ "(SELECT count(*) FROM review_item i JOIN access_review r ON r.id = i.review_id "
						+ "WHERE r.status = 'OPEN' AND i.decision IS NULL), "
						+ "(SELECT count(*) FROM access_review WHERE status = 'OPEN' AND due_at <= ?)",
				(rs, n) -> new Overview.Waiting(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
				Timestamp.from(now.plus(Duration.ofDays(2))));
	}

	private List<SubscriptionScans> scans(@Nullable String sub, Instant now) {
		Map<String, ScanRef[]> bySubscription = new TreeMap<>();
		String where = (sub != null) ? " AND lower(s.subscription) = ?" : "";
		this.jdbc.query("SELECT DISTINCT ON (lower(s.subscription), c.state) lower(s.subscription), c.state, c.id, "
				+ "c.finished_at FROM scan c CROSS JOIN LATERAL unnest(c.subscription_ids) AS s (subscription) "
				+ "WHERE c.state IN ('SUCCEEDED', 'FAILED') AND c.finished_at IS NOT NULL" + where
				+ " ORDER BY lower(s.subscription), c.state, c.finished_at DESC, c.id", (rs) -> {
					Instant finished = rs.getTimestamp(4).toInstant();
					ScanRef ref = new ScanRef(rs.getObject(3, UUID.class), finished,
							Math.max(0, Duration.between(finished, now).toSeconds()));
					bySubscription.computeIfAbsent(rs.getString(1),
							(s) -> new ScanRef[2])["SUCCEEDED".equals(rs.getString(2)) ? 0 : 1] = ref;
				}, (sub != null) ? new Object[] { sub } : new Object[0]);
		List<SubscriptionScans> scans = new ArrayList<>();
		bySubscription.forEach((id, refs) -> scans.add(new SubscriptionScans(id, refs[0], refs[1])));
		return scans;
	}

	private Overview.Rotations rotations(@Nullable String sub, Instant now) {
		Object[] args = append((sub != null) ? new Object[] { sub + "/%" } : new Object[0],
				Timestamp.from(now.minus(Duration.ofDays(ROTATION_WINDOW_DAYS))));
		List<OutcomeCount> byOutcome = this.jdbc.query(
				"SELECT status, count(*) FROM rotation WHERE "
						+ ((sub != null) ? "key_id LIKE '/subscriptions/' || ? AND " : "")
						+ "created_at >= ? GROUP BY status ORDER BY status",
				(rs, n) -> new OutcomeCount(Overview.RotationOutcome.valueOf(rs.getString(1)), rs.getLong(2)), args);
		return new Overview.Rotations(ROTATION_WINDOW_DAYS, byOutcome);
	}

	private static Object[] append(Object[] args, Object last) {
		Object[] all = new Object[args.length + 1];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = last;
		return all;
	}

}
