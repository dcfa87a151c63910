package io.amlwarden.findings;

import java.util.List;
import java.util.UUID;

/**
 * What recording one scan changed.
 *
 * @param opened findings seen failing for the first time
 * @param regressed resolved findings failing again
 * @param unchanged findings still failing
 * @param resolved findings resolved by this scan
 * @param suppressed failing findings held by a suppression
 * @param alerts new or regressed findings of severity CRITICAL or HIGH that are not
 * suppressed, for notifications
 */
public record LedgerResult(int opened, int regressed, int unchanged, int resolved, int suppressed, List<Alert> alerts) {

	public LedgerResult {
		alerts = List.copyOf(alerts);
	}

	/**
	 * A finding worth telling someone about.
	 *
	 * @param findingId the finding
	 * @param checkId its check
	 * @param severity its severity
	 * @param resourceId the failing resource
	 * @param change NEW or REGRESSED
	 */
	public record Alert(UUID findingId, String checkId, String severity, String resourceId, FindingChange change) {
	}

}
