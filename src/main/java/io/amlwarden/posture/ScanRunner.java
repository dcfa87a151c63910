package io.amlwarden.posture;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.findings.FindingsLedger;
import io.amlwarden.findings.LedgerResult;
import io.amlwarden.findings.Observation;
import io.amlwarden.findings.ScanCoverage;
import io.amlwarden.inventory.InventoryStore;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.notifications.Notifier;
import io.amlwarden.scans.PostureHistory;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs queued scans: claim one, collect its scope, evaluate, record findings, publish
 * alerts, store each workspace's posture, and finish it SUCCEEDED (everything read),
 * PARTIAL (something unreadable; nothing resolved) or FAILED. While a scan runs its
 * replica sends heartbeats; a scan whose heartbeats stop is failed by the reaper so its
 * scope is free again.
 */
@Component
class ScanRunner {

	private static final Logger log = LoggerFactory.getLogger(ScanRunner.class);

	static final Duration HEARTBEAT = Duration.ofSeconds(20);

	private final Scans scans;

	private final InventoryCollector collector;

	private final PostureEvaluator evaluator;

	private final FindingsLedger ledger;

	private final Notifier notifier;

	private final WorkspacePostureStore postures;

	private final InventoryStore inventory;

	private final PostureHistory history;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final String owner;

	private final Duration heartbeatPeriod;

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "scan-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	ScanRunner(Scans scans, InventoryCollector collector, PostureEvaluator evaluator, FindingsLedger ledger,
			Notifier notifier, WorkspacePostureStore postures, InventoryStore inventory, PostureHistory history,
			TransactionTemplate transactions, Clock clock, PostureProperties properties) {
		this.scans = scans;
		this.collector = collector;
		this.evaluator = evaluator;
		this.ledger = ledger;
		this.notifier = notifier;
		this.postures = postures;
		this.inventory = inventory;
		this.history = history;
		this.transactions = transactions;
		this.clock = clock;
		this.owner = hostName() + "/" + UUID.randomUUID();
		// Beat well within stale-after, or the reaper fails scans that are still running
		// (and their retry then runs beside them).
		this.heartbeatPeriod = heartbeatPeriod(properties.scans().staleAfter());
	}

	/**
	 * Runs queued scans until none is left.
	 * @return how many scans this call ran
	 */
	int runQueued() {
		int ran = 0;
		Optional<ScanView> next;
		while ((next = this.scans.claim(this.owner, this.clock.instant())).isPresent()) {
			run(next.get());
			ran++;
		}
		return ran;
	}

	private void run(ScanView scan) {
		MDC.put("scanId", scan.id().toString());
		ScheduledFuture<?> heartbeat = this.heartbeats.scheduleAtFixedRate(
				() -> this.scans.heartbeat(scan.id(), this.owner, this.clock.instant()),
				this.heartbeatPeriod.toMillis(), this.heartbeatPeriod.toMillis(), TimeUnit.MILLISECONDS);
		try {
			log.info("Scan {} started: {} subscriptions, profile {}", scan.id(), scan.scope().subscriptions().size(),
					scan.profile());
			execute(scan);
		}
		catch (RuntimeException ex) {
			log.error("Scan {} failed", scan.id(), ex);
			fail(scan, "the scan failed unexpectedly (" + ex.getClass().getSimpleName()
					+ "); see the service log for the correlation id " + scan.id());
		}
		finally {
			heartbeat.cancel(false);
			MDC.remove("scanId");
		}
	}

	private void execute(ScanView scan) {
		TenantSnapshot snapshot = this.collector.collect(scan.scope().toInventoryScope());
		boolean complete = !snapshot.partial();
		Evaluation evaluation = "CONFIGURED".equals(scan.profile()) ? this.evaluator.evaluate(snapshot)
				: this.evaluator.evaluate(snapshot, Profile.valueOf(scan.profile()));
		Instant evaluatedAt = this.clock.instant();

		Map<Profile, Set<String>> groups = profileGroups(scan);
		int[] changes = new int[3];
		this.transactions.executeWithoutResult((tx) -> {
			for (Map.Entry<Profile, Set<String>> group : groups.entrySet()) {
				LedgerResult result = this.ledger.record(scan.id(), evaluatedAt,
						coverage(scan, complete, group.getKey(), group.getValue()),
						observations(evaluation, group.getValue()));
				changes[0] += result.opened();
				changes[1] += result.regressed();
				changes[2] += result.resolved();
				for (LedgerResult.Alert alert : result.alerts()) {
					this.notifier.publish(
							(alert.change() == io.amlwarden.findings.FindingChange.REGRESSED) ? "finding.regressed"
									: "finding.opened",
							alert.findingId().toString(),
							Map.of("findingId", alert.findingId().toString(), "checkId", alert.checkId(), "severity",
									alert.severity(), "resourceId", alert.resourceId(), "scanId",
									scan.id().toString()));
				}
			}
			this.postures.save(scan.id(), evaluatedAt, evaluation, snapshot);
			this.history.record(scan.id(), evaluatedAt, !complete);
			this.inventory.save(snapshot, scan.id());
		});

		long failed = evaluation.results().stream().filter((r) -> r.status() == CheckStatus.FAIL).count();
		long unknown = evaluation.results().stream().filter((r) -> r.status() == CheckStatus.UNKNOWN).count();
		ScanView.Counts counts = new ScanView.Counts(snapshot.workspaces().size(), evaluation.results().size(),
				(int) failed, (int) unknown, changes[0], changes[1], changes[2]);
		TenantSnapshot.CollectionStats stats = snapshot.stats();
		ScanView.Requests requests = new ScanView.Requests(stats.armRequests(), stats.graphRequests(),
				stats.keyVaultRequests(), stats.throttledResponses());
		List<ScanView.Unreadable> unreadable = snapshot.readFailures()
			.stream()
			.map((f) -> new ScanView.Unreadable(f.resourceId(), f.what(), f.reason().name(), f.detail()))
			.toList();
		ScanState state = complete ? ScanState.SUCCEEDED : ScanState.PARTIAL;
		if (!this.scans.finish(scan.id(), this.owner, state, this.clock.instant(), counts, requests, unreadable,
				snapshot.budgetExhausted() ? "request budget exhausted; the remaining reads were skipped" : null)) {
			log.warn("Scan {} was declared abandoned while it ran; its results were recorded", scan.id());
		}
		log.info("Scan {} {}: {} workspaces, {} results ({} failing, {} unknown), {} opened, {} resolved", scan.id(),
				state, counts.workspaces(), counts.results(), failed, unknown, changes[0], changes[2]);
	}

	private void fail(ScanView scan, String error) {
		try {
			this.scans.finish(scan.id(), this.owner, ScanState.FAILED, this.clock.instant(), null, null, List.of(),
					error);
			this.transactions.executeWithoutResult(
					(tx) -> this.notifier.publish("scan.failed", scan.id().toString(), Map.of("scanId",
							scan.id().toString(), "subscriptions", scan.scope().subscriptions(), "error", error)));
		}
		catch (DataAccessException | TransactionException ex) {
			// The database is unreachable: the scan stays RUNNING without heartbeats and
			// the
			// reaper fails it once stale-after has passed (no result of it was recorded).
			log.warn("Could not mark scan {} failed ({}); the reaper will", scan.id(), ex.getMessage());
		}
	}

	private Map<Profile, Set<String>> profileGroups(ScanView scan) {
		Map<Profile, Set<String>> groups = new LinkedHashMap<>();
		for (String subscription : scan.scope().subscriptions()) {
			Profile profile = "CONFIGURED".equals(scan.profile()) ? this.evaluator.profileFor(subscription)
					: Profile.valueOf(scan.profile());
			groups.computeIfAbsent(profile, (p) -> new HashSet<>()).add(subscription);
		}
		return groups;
	}

	private ScanCoverage coverage(ScanView scan, boolean complete, Profile profile, Set<String> subscriptions) {
		Set<String> checks = this.evaluator.catalogue()
			.stream()
			.filter((metadata) -> metadata.includedIn(profile))
			.map(CheckMetadata::id)
			.collect(Collectors.toSet());
		Set<String> groups = scan.scope()
			.ledgerResourceGroups()
			.stream()
			.filter((group) -> subscriptions.contains(group.substring(0, group.indexOf('/'))))
			.collect(Collectors.toSet());
		return new ScanCoverage(complete, subscriptions, groups, Set.copyOf(scan.scope().workspaces()), checks);
	}

	private List<Observation> observations(Evaluation evaluation, Set<String> subscriptions) {
		List<Observation> observations = new ArrayList<>();
		for (CheckResult result : evaluation.results()) {
			if (!subscriptions.contains(result.subscriptionId().toLowerCase(Locale.ROOT))) {
				continue;
			}
			CheckMetadata metadata = this.evaluator.metadata(result.checkId()).orElseThrow();
			Evidence evidence = result.evidence();
			observations.add(new Observation(result.checkId(), metadata.title(), metadata.severity().name(),
					metadata.category().name(), result.resourceId(), result.resourceType(), result.resourceName(),
					result.subscriptionId(), result.workspaceIds(), null,
					Observation.Outcome.valueOf(result.status().name()),
					(evidence != null) ? evidence.propertyPath() : null,
					(evidence != null) ? evidence.observed() : null, (evidence != null) ? evidence.expected() : null,
					result.detail(), metadata.remediationCli()));
		}
		return observations;
	}

	/**
	 * Heartbeats come every 20 s, or three times per stale-after when that is shorter.
	 */
	static Duration heartbeatPeriod(Duration staleAfter) {
		Duration third = staleAfter.dividedBy(3);
		Duration period = (third.compareTo(HEARTBEAT) < 0) ? third : HEARTBEAT;
		return (period.toMillis() < 100) ? Duration.ofMillis(100) : period;
	}

	@PreDestroy
	void stop() {
		this.heartbeats.shutdownNow();
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException ex) {
			return "unknown-host";
		}
	}

}
