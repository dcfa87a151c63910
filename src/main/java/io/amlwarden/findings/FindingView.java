package io.amlwarden.findings;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A finding as the API shows it.
 *
 * @param id the finding
 * @param fingerprint stable identity over lower-cased ids
 * @param checkId the failing check
 * @param checkTitle its title
 * @param severity its severity
 * @param category its category
 * @param resourceId the failing resource (ARM id as Azure returned it)
 * @param resourceType ARM type
 * @param resourceName name
 * @param subscriptionId subscription
 * @param resourceGroup resource group
 * @param workspaceIds the workspaces it is reported under (lower case)
 * @param state lifecycle state
 * @param change what the last failing observation changed
 * @param firstSeenAt first time seen failing
 * @param lastSeenAt last time seen failing
 * @param resolvedAt when resolved, if resolved
 * @param stateChangedAt when the state last changed
 * @param occurrences scans that saw it failing
 * @param lastScanId the last scan that touched it
 * @param evidence the latest evidence
 * @param detail explanation of the result
 * @param remediation how to fix it
 * @param suppressionId the suppression holding it, if suppressed
 */
record FindingView(UUID id, String fingerprint, String checkId, String checkTitle, @Schema(allowableValues = {
		"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO" }) String severity,
		@Schema(allowableValues = { "ENCRYPTION", "NETWORK", "IDENTITY", "LOGGING", "THREAT_PROTECTION",
				"DATA_PROTECTION", "ACCESS" }) String category,
		String resourceId, String resourceType, String resourceName, String subscriptionId,
		@Nullable String resourceGroup, List<String> workspaceIds, FindingState state, FindingChange change,
		Instant firstSeenAt, Instant lastSeenAt, @Nullable Instant resolvedAt, Instant stateChangedAt, int occurrences,
		@Nullable UUID lastScanId, Evidence evidence, @Nullable String detail, @Nullable String remediation,
		@Nullable UUID suppressionId){

	/**
	 * What the check saw.
	 *
	 * @param propertyPath the property looked at
	 * @param observed the value seen
	 * @param expected the condition required
	 */
	record Evidence(@Nullable String propertyPath, @Nullable String observed, @Nullable String expected) {
	}

	/**
	 * A finding with its history.
	 *
	 * @param finding the finding
	 * @param history every state change, oldest first
	 */
	record Detail(FindingView finding, List<HistoryEntry> history) {
	}

	/**
	 * One state change of a finding.
	 *
	 * @param at when
	 * @param from previous state ({@code null} when first seen)
	 * @param to new state
	 * @param change change marker at that time
	 * @param scanId the scan that caused it, if any
	 * @param reason why
	 */
	record HistoryEntry(Instant at, @Nullable FindingState from, FindingState to, FindingChange change,
			@Nullable UUID scanId, String reason) {
	}

}
