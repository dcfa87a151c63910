package io.amlwarden.scans;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.amlwarden.api.TrendRange;
import org.jspecify.annotations.Nullable;

/**
 * What the history API answers.
 */
final class HistoryViews {

	private HistoryViews() {
	}

	/**
	 * A workspace's posture over time, oldest first.
	 *
	 * @param workspaceId the workspace's opaque id
	 * @param points one per scan that evaluated it
	 */
	record WorkspaceHistory(UUID workspaceId, List<HistoryPoint> points) {
	}

	/**
	 * One scan's posture of a workspace.
	 *
	 * @param scanId the scan
	 * @param scannedAt when it evaluated the workspace
	 * @param score 0-100
	 * @param partial the scan could not read everything, so failures may be understated
	 * @param pass passing results
	 * @param fail failing results
	 * @param unknown results that could not be decided
	 * @param notApplicable results that do not apply
	 * @param critical failing results of critical checks
	 * @param high failing results of high checks
	 * @param medium failing results of medium checks
	 * @param low failing results of low checks
	 */
	record HistoryPoint(UUID scanId, Instant scannedAt, int score, boolean partial, int pass, int fail, int unknown,
			int notApplicable, int critical, int high, int medium, int low) {
	}

	/**
	 * Posture per bucket of the tenant and of each subscription.
	 *
	 * @param bucket the bucket size
	 * @param from the first bucket's start
	 * @param to the end of the range
	 * @param series the tenant's (subscriptionId null) first, then each subscription's
	 */
	record PostureTrend(TrendRange.Bucket bucket, Instant from, Instant to, List<Series> series) {
	}

	/**
	 * One series.
	 *
	 * @param subscriptionId the subscription, or null for the whole tenant
	 * @param points one per bucket, oldest first
	 */
	record Series(@Nullable String subscriptionId, List<TrendPoint> points) {
	}

	/**
	 * The last roll-up of a bucket; a bucket without a scan is a gap with no values
	 * (never interpolated).
	 *
	 * @param bucketStart the bucket's start (UTC)
	 * @param scanId the last scan in the bucket
	 * @param score average score of the workspaces after that scan
	 * @param workspaces workspaces counted
	 * @param critical failing critical results
	 * @param high failing high results
	 * @param medium failing medium results
	 * @param low failing low results
	 * @param partial that scan could not read everything
	 * @param gap no scan in this bucket
	 */
	record TrendPoint(Instant bucketStart, @Nullable UUID scanId, @Nullable Integer score, @Nullable Integer workspaces,
			@Nullable Integer critical, @Nullable Integer high, @Nullable Integer medium, @Nullable Integer low,
			boolean partial, boolean gap) {

		static TrendPoint gap(Instant bucketStart) {
			return new TrendPoint(bucketStart, null, null, null, null, null, null, null, false, true);
		}

	}

}
