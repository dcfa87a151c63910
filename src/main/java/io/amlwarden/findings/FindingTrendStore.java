package io.amlwarden.findings;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The reads behind the findings trend: state changes per bucket from the append-only
 * {@code finding_event} history, and today's open count from the kept counts.
 */
@Repository
class FindingTrendStore {

	private final JdbcTemplate jdbc;

	FindingTrendStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Changes per bucket since {@code from}: opened, resolved, and left OPEN.
	 * @param sqlField the {@code date_trunc} field of the bucket ({@code day} or
	 * {@code week})
	 * @param subscription lower-cased subscription id, or {@code null} for the tenant
	 * @return bucket start to {@code {opened, resolved, leftOpen}}
	 */
	Map<Instant, long[]> changesSince(String sqlField, Instant from, @Nullable String subscription) {
		List<Object> args = new ArrayList<>(List.of(sqlField, Timestamp.from(from)));
		if (subscription != null) {
			args.add(subscription);
		}
		Map<Instant, long[]> changes = new HashMap<>();
		this.jdbc.query("SELECT date_trunc(?, e.occurred_at AT TIME ZONE 'UTC') AS b, "
				+ "count(*) FILTER (WHERE e.to_state = 'OPEN' AND e.from_state IS DISTINCT FROM 'OPEN'), "
				+ "count(*) FILTER (WHERE e.to_state = 'RESOLVED' AND e.from_state IS DISTINCT FROM 'RESOLVED'), "
				+ "count(*) FILTER (WHERE e.from_state = 'OPEN' AND e.to_state <> 'OPEN') FROM finding_event e"
				+ ((subscription != null) ? " JOIN finding f ON f.id = e.finding_id" : "") + " WHERE e.occurred_at >= ?"
				+ ((subscription != null) ? " AND f.subscription_id = ?" : "") + " GROUP BY 1", (rs) -> {
					changes.put(rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC),
							new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4) });
				}, args.toArray());
		return changes;
	}

	/** Findings open now, tenant-wide or in one (lower-cased) subscription. */
	long openNow(@Nullable String subscription) {
		Long now = this.jdbc.queryForObject(
				"SELECT coalesce(sum(n), 0) FROM finding_count WHERE state = 'OPEN'"
						+ ((subscription != null) ? " AND subscription_id = ?" : ""),
				Long.class, (subscription != null) ? new Object[] { subscription } : new Object[0]);
		return (now != null) ? now : 0;
	}

}
