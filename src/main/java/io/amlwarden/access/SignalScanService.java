package io.amlwarden.access;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.amlwarden.findings.FindingsLedger;
import io.amlwarden.findings.LedgerResult;
import io.amlwarden.findings.ScanCoverage;
import io.amlwarden.inventory.InventoryScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Runs the signal catalogue over a scope and records the results as findings. A scan that
 * could not read everything still records what failed but resolves nothing.
 */
@Service
class SignalScanService {

	private static final Logger logger = LoggerFactory.getLogger(SignalScanService.class);

	private final AccessInventoryService inventory;

	private final FindingsLedger ledger;

	private final AccessProperties properties;

	private final Clock clock;

	SignalScanService(AccessInventoryService inventory, FindingsLedger ledger, AccessProperties properties,
			Clock clock) {
		this.inventory = inventory;
		this.ledger = ledger;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Collects and evaluates a scope, then records the findings.
	 */
	Result scan(InventoryScope scope) {
		AccessInventoryService.Collected collected = this.inventory.collect(scope);
		List<AssignmentAssessment> assessments = evaluate(collected);
		return new Result(collected, assessments, record(UUID.randomUUID(), scope, collected, assessments));
	}

	List<AssignmentAssessment> evaluate(AccessInventoryService.Collected collected) {
		return new SignalEvaluator(this.properties.policy()).evaluate(collected.snapshot(), collected.inherited());
	}

	LedgerResult record(UUID scanId, InventoryScope scope, AccessInventoryService.Collected collected,
			List<AssignmentAssessment> assessments) {
		Instant at = this.clock.instant();
		Set<String> resourceGroups = new HashSet<>();
		if (!scope.resourceGroups().isEmpty()) {
			for (String subscription : scope.subscriptionIds()) {
				scope.resourceGroups().forEach((rg) -> resourceGroups.add(subscription + "/" + rg));
			}
		}
		Set<String> checks = Arrays.stream(Signal.values()).map(Signal::checkId).collect(Collectors.toSet());
		ScanCoverage coverage = new ScanCoverage(collected.complete(), Set.copyOf(scope.subscriptionIds()),
				resourceGroups, Set.copyOf(scope.workspaceIds()), checks);
		LedgerResult result = this.ledger.record(scanId, at, coverage, SignalEvaluator.observations(assessments));
		logger.info("Access signals over {} assignment(s): {} opened, {} resolved, {} still open{}", assessments.size(),
				result.opened(), result.resolved(), result.unchanged(),
				collected.complete() ? "" : " (partial: " + collected.coverageNote() + ")");
		return result;
	}

	/**
	 * A scan's outcome.
	 *
	 * @param collected what was read
	 * @param assessments the evaluation
	 * @param ledger what changed in the findings
	 */
	record Result(AccessInventoryService.Collected collected, List<AssignmentAssessment> assessments,
			LedgerResult ledger) {
	}

}
