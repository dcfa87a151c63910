package io.amlwarden.scans;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes posture history. A scan calls {@link #record} inside the transaction that stores
 * its workspaces' latest posture, so a point exists exactly when the posture it copies
 * does.
 */
@Repository
public class PostureHistory {

	private final JdbcTemplate jdbc;

	PostureHistory(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Copies the posture a scan just stored into the history, one point per workspace it
	 * evaluated, and adds the roll-ups of the subscriptions it covered and of the tenant
	 * as they stand after it.
	 * @param scanId the scan, whose postures are already stored
	 * @param scannedAt when it evaluated them
	 * @param partial whether it could not read everything (marks every point and roll-up)
	 */
	public void record(UUID scanId, Instant scannedAt, boolean partial) {
		Timestamp at = Timestamp.from(scannedAt);
		int points = this.jdbc.update("INSERT INTO posture_history (scan_id, workspace_uuid, workspace_key, "
				+ "subscription_id, scanned_at, partial, score, passed, failed, unknown, not_applicable, failed_critical, "
				+ "failed_high, failed_medium, failed_low) SELECT scan_id, workspace_uuid, workspace_key, subscription_id, "
				+ "?, ?, score, passed, failed, unknown, not_applicable, failed_critical, failed_high, failed_medium, "
				+ "failed_low FROM workspace_posture WHERE scan_id = ?", at, partial, scanId);
		if (points == 0) {
			return;
		}
		String rollup = "count(*), round(avg(score)), sum(failed_critical), sum(failed_high), sum(failed_medium), "
				+ "sum(failed_low) FROM workspace_posture";
		this.jdbc
			.update("INSERT INTO posture_rollup (scan_id, subscription_id, scanned_at, partial, workspaces, score, "
					+ "failed_critical, failed_high, failed_medium, failed_low) SELECT ?, subscription_id, ?, ?, "
					+ rollup
					+ " WHERE subscription_id IN (SELECT subscription_id FROM workspace_posture WHERE scan_id = ?) "
					+ "GROUP BY subscription_id UNION ALL SELECT CAST(? AS uuid), NULL, CAST(? AS timestamptz), "
					+ "CAST(? AS boolean), " + rollup, scanId, at, partial, scanId, scanId, at, partial);
	}

	/**
	 * Deletes history older than a cut-off. Idempotent: running it twice, or on two
	 * replicas, deletes nothing more.
	 * @param before the cut-off
	 * @return points and roll-ups deleted
	 */
	int prune(Instant before) {
		Timestamp cutoff = Timestamp.from(before);
		return this.jdbc.update("DELETE FROM posture_history WHERE scanned_at < ?", cutoff)
				+ this.jdbc.update("DELETE FROM posture_rollup WHERE scanned_at < ?", cutoff);
	}

}
