package io.amlwarden.scans;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.amlwarden.api.TrendRange;
import io.amlwarden.scans.HistoryViews.HistoryPoint;
import io.amlwarden.scans.HistoryViews.PostureTrend;
import io.amlwarden.scans.HistoryViews.Series;
import io.amlwarden.scans.HistoryViews.TrendPoint;
import io.amlwarden.scans.HistoryViews.WorkspaceHistory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads posture history: a workspace's points and the roll-ups bucketed into a trend.
 */
@Repository
class HistoryQueries {

	private static final String TENANT = "";

	private final JdbcTemplate jdbc;

	HistoryQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A workspace's points in a range, or empty when the workspace was never scanned.
	 */
	Optional<WorkspaceHistory> workspace(UUID workspaceId, Instant from, Instant to) {
		List<HistoryPoint> points = this.jdbc
			.query("SELECT scan_id, scanned_at, score, partial, passed, failed, unknown, "
					+ "not_applicable, failed_critical, failed_high, failed_medium, failed_low FROM posture_history "
					+ "WHERE workspace_uuid = ? AND scanned_at >= ? AND scanned_at < ? ORDER BY scanned_at, scan_id",
					(rs, n) -> new HistoryPoint(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
							rs.getInt(3), rs.getBoolean(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
							rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12)),
					workspaceId, Timestamp.from(from), Timestamp.from(to));
		if (points.isEmpty() && !known(workspaceId)) {
			return Optional.empty();
		}
		return Optional.of(new WorkspaceHistory(workspaceId, points));
	}

	private boolean known(UUID workspaceId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM workspace_posture WHERE workspace_uuid = ?) "
						+ "OR EXISTS (SELECT 1 FROM posture_history WHERE workspace_uuid = ?)",
				Boolean.class, workspaceId, workspaceId));
	}

	/**
	 * The last roll-up of each bucket, per series; buckets without one are gaps.
	 * @param subscription one subscription's series only, or the tenant's and every
	 * subscription's
	 */
	PostureTrend trend(@Nullable String subscription, TrendRange range) {
		boolean perScan = range.bucket() == TrendRange.Bucket.SCAN;
		List<Object> args = new ArrayList<>();
		if (!perScan) {
			args.add(range.bucket().sqlField());
		}
		args.addAll(List.of(Timestamp.from(range.from()), Timestamp.from(range.to())));
		String where = "";
		if (subscription != null) {
			where = " AND subscription_id = ?";
			args.add(subscription.toLowerCase(Locale.ROOT));
		}
		Map<String, Map<Instant, TrendPoint>> bySeries = new TreeMap<>();
		if (subscription != null) {
			bySeries.put(subscription.toLowerCase(Locale.ROOT), new TreeMap<>());
		}
		String columns = "scan_id, score, workspaces, failed_critical, failed_high, failed_medium, failed_low, partial";
		// Per scan: every roll-up is a point, the newest MAX_BUCKETS of each series.
		// Per bucket: the last roll-up of each bucket.
		String sql = perScan ? "SELECT * FROM (SELECT coalesce(subscription_id, '') AS series, scanned_at AS b, "
				+ columns + ", row_number() OVER (PARTITION BY coalesce(subscription_id, '') "
				+ "ORDER BY scanned_at DESC, id DESC) AS n FROM posture_rollup WHERE scanned_at >= ? AND scanned_at < ?"
				+ where + ") r WHERE n <= " + TrendRange.MAX_BUCKETS
				: "SELECT DISTINCT ON (coalesce(subscription_id, ''), b) coalesce(subscription_id, '') AS series, "
						+ "date_trunc(?, scanned_at AT TIME ZONE 'UTC') AS b, " + columns
						+ " FROM posture_rollup WHERE scanned_at >= ? AND scanned_at < ?" + where
						+ " ORDER BY coalesce(subscription_id, ''), b, scanned_at DESC, id DESC";
		this.jdbc.query(sql, (rs) -> {
			Instant bucket = perScan ? rs.getTimestamp("b").toInstant()
					: rs.getObject("b", LocalDateTime.class).toInstant(ZoneOffset.UTC);
			bySeries.computeIfAbsent(rs.getString("series"), (s) -> new TreeMap<>())
				.put(bucket,
						new TrendPoint(bucket, rs.getObject("scan_id", UUID.class), rs.getInt("score"),
								rs.getInt("workspaces"), rs.getInt("failed_critical"), rs.getInt("failed_high"),
								rs.getInt("failed_medium"), rs.getInt("failed_low"), rs.getBoolean("partial"), false));
		}, args.toArray());
		if (perScan) {
			List<Series> series = new ArrayList<>();
			bySeries.forEach((key, points) -> series
				.add(new Series(TENANT.equals(key) ? null : key, List.copyOf(points.values()))));
			return new PostureTrend(range.bucket(), range.from(), range.to(), series);
		}
		List<Instant> starts = range.bucketStarts();
		List<Series> series = new ArrayList<>();
		bySeries.forEach((key, points) -> series.add(new Series(TENANT.equals(key) ? null : key,
				starts.stream().map((start) -> points.getOrDefault(start, TrendPoint.gap(start))).toList())));
		return new PostureTrend(range.bucket(), range.from(), range.to(), series);
	}

}
