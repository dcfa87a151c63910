package io.amlwarden.findings;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A request to suppress one finding ({@code findingId}) or a rule ({@code checkId} +
 * {@code scopePrefix} + optional {@code resourceNamePattern}).
 *
 * @param type why
 * @param justification reasoning, 10 to 2000 characters
 * @param expiresAt when it must stop holding findings (required; at most the configured
 * maximum ahead)
 * @param findingId the finding to suppress
 * @param checkId the check of a rule
 * @param scopePrefix ARM id prefix of a rule, e.g.
 * {@code /subscriptions/{id}/resourceGroups/{rg}}
 * @param resourceNamePattern glob on the resource name ({@code *}, {@code ?})
 */
record SuppressionRequest(@NotNull SuppressionType type, @NotBlank @Size(min = 10, max = 2000) String justification,
		@NotNull @Schema(
				description = "ISO-8601 UTC; at most the configured maximum (default 180 days) ahead") Instant expiresAt,
		@Nullable UUID findingId,
		@Nullable @Size(max = 100) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*",
				message = "must be a check id such as kv-purge-protection") String checkId,
		@Nullable @Size(max = 1024) @Pattern(regexp = "(?i)/subscriptions/[^/]+(/.*)?",
				message = "must be an ARM id prefix starting with /subscriptions/") String scopePrefix,
		@Nullable @Size(max = 260) @Pattern(regexp = "[A-Za-z0-9*?._()-]+",
				message = "may contain letters, digits, . _ - ( ) and the wildcards * and ?") String resourceNamePattern) {

}
