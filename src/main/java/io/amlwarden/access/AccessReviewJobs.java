package io.amlwarden.access;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.audit.AuditOutcome;
import io.amlwarden.audit.AuditRecord;
import io.amlwarden.audit.AuditTrail;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.security.CallerIdentity;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Thin scheduled triggers over the idempotent campaign services: open due instances, warn
 * before timeouts, close overdue instances with their default decision, apply closed
 * auto-apply instances, and scan the configured subscriptions for signals. Each tick
 * handles a bounded number of instances; what the service does on its own is audited.
 */
@Component
class AccessReviewJobs {

	static final CallerIdentity SERVICE = new CallerIdentity(ReviewService.SYSTEM, null, "AML Warden scheduler",
			List.of());

	private static final Logger logger = LoggerFactory.getLogger(AccessReviewJobs.class);

	private static final int BATCH = 20;

	private final ReviewService campaigns;

	private final ReviewApplyService applier;

	private final ReviewStore store;

	private final SignalScanService scanner;

	private final AccessProperties properties;

	private final AuditTrail audit;

	private final Clock clock;

	AccessReviewJobs(ReviewService campaigns, ReviewApplyService applier, ReviewStore store, SignalScanService scanner,
			AccessProperties properties, AuditTrail audit, Clock clock) {
		this.campaigns = campaigns;
		this.applier = applier;
		this.store = store;
		this.scanner = scanner;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
	}

	@Scheduled(cron = "${warden.access.campaign-cron:0 */5 * * * *}")
	@SchedulerLock(name = "access-review-campaigns", lockAtMostFor = "PT30M")
	void campaigns() {
		runCampaigns();
	}

	@Scheduled(cron = "${warden.access.signal-scan-cron:0 30 3 * * *}")
	@SchedulerLock(name = "access-signal-scan", lockAtMostFor = "PT2H")
	void signals() {
		if (this.properties.signalScanSubscriptions().isEmpty()) {
			return;
		}
		this.scanner.scan(InventoryScope.subscriptions(this.properties.signalScanSubscriptions()));
		audit("access-signals.scan", "/api/v1/access-reviews/signal-scans", AuditOutcome.SUCCESS);
	}

	/**
	 * One pass of campaign work; public to tests through the package.
	 */
	void runCampaigns() {
		for (int i = 0; i < BATCH; i++) {
			Optional<Instance> opened = this.campaigns.openNextDue();
			if (opened.isEmpty()) {
				break;
			}
			audit("access-review.open", path(opened.get().id()), AuditOutcome.SUCCESS);
		}
		for (int i = 0; i < BATCH && this.campaigns.warnNextDue().isPresent(); i++) {
			// each call warns about one instance
		}
		for (int i = 0; i < BATCH; i++) {
			Optional<UUID> closed = this.campaigns.closeNextOverdue();
			if (closed.isEmpty()) {
				break;
			}
			audit("access-review.timeout", path(closed.get()), AuditOutcome.SUCCESS);
		}
		for (UUID reviewId : this.store.closedAutoApply().stream().limit(BATCH).toList()) {
			Instance closed = this.campaigns.instance(reviewId);
			if (this.applier.needsSecondAdmin(closed, this.campaigns.definition(closed.definitionId()))) {
				// Automatic application stops at the two-person threshold: what more it
				// would remove waits for a second Admin.
				logger.debug("Auto-apply of {} waits for a second Admin", reviewId);
				continue;
			}
			try {
				this.applier.apply(reviewId, false, ReviewService.SYSTEM);
				audit("access-review.apply", path(reviewId), AuditOutcome.SUCCESS);
			}
			catch (ApiException ex) {
				// Another replica took it between the listing and the claim.
				logger.debug("Auto-apply of {} skipped: {}", reviewId, ex.getMessage());
			}
			catch (RuntimeException ex) {
				logger.error("Auto-apply of access review {} failed", reviewId, ex);
				audit("access-review.apply", path(reviewId), AuditOutcome.FAILED);
			}
		}
	}

	private static String path(UUID reviewId) {
		return "/api/v1/access-reviews/instances/" + reviewId;
	}

	private void audit(String action, String target, AuditOutcome outcome) {
		this.audit.append(new AuditRecord(this.clock.instant(), SERVICE, "JOB", action, target, outcome, 0,
				UUID.randomUUID().toString(), null));
	}

}
