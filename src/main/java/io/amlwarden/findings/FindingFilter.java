package io.amlwarden.findings;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the findings list and export; each one left empty matches everything.
 *
 * @param state lifecycle state
 * @param severity severity
 * @param check check id
 * @param category check category
 * @param subscription subscription id
 * @param workspace workspace ARM id: findings reported under it (its own and its
 * dependencies')
 * @param resource ARM id of the resource, or a prefix ending in {@code /*}
 * @param changedSince only findings whose state changed at or after this time
 */
record FindingFilter(@Nullable FindingState state,
		@Parameter(description = "CRITICAL, HIGH, MEDIUM, LOW or INFO") @Nullable @Pattern(
				regexp = "(?i)CRITICAL|HIGH|MEDIUM|LOW|INFO",
				message = "must be one of CRITICAL, HIGH, MEDIUM, LOW, INFO") String severity,
		@Nullable @Size(max = 100) String check, @Nullable @Size(max = 32) String category,
		@Nullable @Size(max = 64) String subscription, @Nullable @Size(max = 1024) String workspace,
		@Nullable @Size(max = 1024) String resource,
		@Parameter(description = "ISO-8601 UTC") @Nullable Instant changedSince) {

}
