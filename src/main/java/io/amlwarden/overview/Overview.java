package io.amlwarden.overview;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.amlwarden.api.ETagSource;
import io.amlwarden.posture.Category;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The tenant at a glance. Every number equals the total of the corresponding list
 * endpoint (README, "For portals").
 *
 * @param generatedAt when it was computed
 * @param subscription the subscription it is narrowed to, or null for the tenant
 * @param findings open findings
 * @param workspaces workspace scores
 * @param keys customer-managed keys by expiry and rotation
 * @param waiting work waiting for people (tenant-wide)
 * @param scans the last successful and failed scan per subscription
 * @param rotations rotations of the last 30 days by outcome
 */
record Overview(Instant generatedAt, @Nullable String subscription, Findings findings, Workspaces workspaces, Keys keys,
		Waiting waiting, List<SubscriptionScans> scans, Rotations rotations) implements ETagSource {

	/** The tag ignores the clock: when it was generated and how old each scan is. */
	@Override
	public Object etagSource() {
		return new Overview(Instant.EPOCH, this.subscription, this.findings, this.workspaces, this.keys, this.waiting,
				this.scans.stream().map(SubscriptionScans::withoutAges).toList(), this.rotations);
	}

	enum Severity {

		CRITICAL, HIGH, MEDIUM, LOW, INFO

	}

	enum ScoreBand {

		BELOW_50, FROM_50_TO_79, AT_LEAST_80

	}

	enum RotationOutcome {

		PLANNED, APPROVED, RUNNING, PROPAGATING, VERIFIED, DEFERRED, FAILED, ROLLED_BACK

	}

	/**
	 * Open findings.
	 *
	 * @param open how many
	 * @param bySeverity by severity, most severe first
	 * @param byCategory by check category
	 * @param bySubscription by subscription
	 */
	record Findings(long open, List<SeverityCount> bySeverity, List<CategoryCount> byCategory,
			List<SubscriptionCount> bySubscription) {
	}

	record SeverityCount(Severity severity, long count) {
	}

	record CategoryCount(@Schema(implementation = Category.class) String category, long count) {
	}

	record SubscriptionCount(String subscriptionId, long count) {
	}

	/**
	 * Workspaces with a posture.
	 *
	 * @param total how many
	 * @param scoreBands by score band
	 * @param lowest the ten lowest scores (the first page of the workspaces list)
	 */
	record Workspaces(long total, List<BandCount> scoreBands, List<LowWorkspace> lowest) {
	}

	record BandCount(ScoreBand band, long count) {
	}

	/**
	 * A low-scoring workspace.
	 *
	 * @param workspaceId its opaque id (as in {@code /workspaces/{id}/posture})
	 * @param armId its ARM id
	 * @param name its name
	 * @param subscriptionId its subscription
	 * @param score 0-100
	 */
	record LowWorkspace(UUID workspaceId, String armId, String name, String subscriptionId, int score) {
	}

	/**
	 * Customer-managed keys in the stored inventory of the last scans. An expired key
	 * counts in every window.
	 *
	 * @param total distinct keys
	 * @param expiringWithin7Days expiring within 7 days (or expired)
	 * @param expiringWithin30Days within 30 days
	 * @param expiringWithin90Days within 90 days
	 * @param overdueForRotation past their policy's next due time
	 */
	record Keys(long total, long expiringWithin7Days, long expiringWithin30Days, long expiringWithin90Days,
			long overdueForRotation) {
	}

	/**
	 * Work waiting for people, tenant-wide.
	 *
	 * @param suppressionsAwaitingApproval suppressions PENDING
	 * @param rotationsAwaitingApproval rotations PLANNED (approval required)
	 * @param reviewItemsUndecided undecided items of OPEN reviews
	 * @param reviewsClosingWithin2Days OPEN reviews due within two days
	 */
	record Waiting(long suppressionsAwaitingApproval, long rotationsAwaitingApproval, long reviewItemsUndecided,
			long reviewsClosingWithin2Days) {
	}

	/**
	 * The scans of one subscription.
	 *
	 * @param subscriptionId the subscription
	 * @param lastSucceeded its last SUCCEEDED scan
	 * @param lastFailed its last FAILED scan
	 */
	record SubscriptionScans(String subscriptionId, @Nullable ScanRef lastSucceeded, @Nullable ScanRef lastFailed) {

		SubscriptionScans withoutAges() {
			return new SubscriptionScans(this.subscriptionId,
					(this.lastSucceeded != null) ? this.lastSucceeded.withoutAge() : null,
					(this.lastFailed != null) ? this.lastFailed.withoutAge() : null);
		}

	}

	/**
	 * A finished scan.
	 *
	 * @param scanId the scan
	 * @param finishedAt when it ended
	 * @param ageSeconds seconds since then
	 */
	record ScanRef(UUID scanId, Instant finishedAt, long ageSeconds) {

		ScanRef withoutAge() {
			return new ScanRef(this.scanId, this.finishedAt, 0);
		}

	}

	/**
	 * Rotations created in the window, by status.
	 *
	 * @param windowDays the window
	 * @param byOutcome count per status
	 */
	record Rotations(int windowDays, List<OutcomeCount> byOutcome) {
	}

	record OutcomeCount(RotationOutcome outcome, long count) {
	}

}
