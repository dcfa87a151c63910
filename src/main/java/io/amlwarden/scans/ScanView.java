package io.amlwarden.scans;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A scan as the API shows it.
 *
 * @param id the scan
 * @param state where it stands
 * @param scope what it covers
 * @param profile the profile, or {@code CONFIGURED} for each subscription's own
 * @param trigger API, SCHEDULE or RETRY
 * @param scheduleName the schedule that queued it
 * @param requestedBy who asked (object id, or the schedule)
 * @param createdAt when queued
 * @param startedAt when a replica started it
 * @param finishedAt when it ended
 * @param durationSeconds run time
 * @param counts what it found
 * @param requests what it cost in Azure requests
 * @param unreadable resources that could not be read, and why
 * @param error why it failed
 */
record ScanView(UUID id, ScanState state, ScanScope scope, @Schema(allowableValues = {
		"BASELINE", "REGULATED", "CONFIGURED" }) String profile,
		@Schema(allowableValues = { "API", "SCHEDULE", "RETRY" }) String trigger, @Nullable String scheduleName,
		String requestedBy, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		@Nullable Double durationSeconds, @Nullable Counts counts, @Nullable Requests requests,
		List<Unreadable> unreadable, @Nullable String error){

	/**
	 * Results and finding changes.
	 */
	record Counts(int workspaces, int results, int failedResults, int unknownResults, int findingsOpened,
			int findingsRegressed, int findingsResolved) {
	}

	/**
	 * Azure requests spent.
	 */
	record Requests(long arm, long resourceGraph, long keyVault, long throttled) {
	}

	/**
	 * A resource the scan could not read.
	 *
	 * @param resourceId the resource
	 * @param what what was being read
	 * @param reason FORBIDDEN, NOT_FOUND, THROTTLED, TIMEOUT, SKIPPED or ERROR
	 * @param detail more about it
	 */
	record Unreadable(String resourceId, String what,
			@Schema(implementation = io.amlwarden.inventory.ReadFailure.Reason.class) String reason,
			@Nullable String detail) {
	}

}
