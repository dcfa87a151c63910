package io.amlwarden.findings;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A suppression as the API shows it.
 *
 * @param id the suppression
 * @param type why
 * @param status where it stands
 * @param justification the requester's reasoning
 * @param findingId the one finding it covers, when it targets a finding
 * @param checkId the check of the rule, when it is a rule
 * @param scopePrefix ARM id prefix of the rule (e.g. a subscription or resource group)
 * @param resourceNamePattern glob on the resource name ({@code *} and {@code ?})
 * @param requestedBy object id of the requester
 * @param requestedByName name of the requester
 * @param requestedAt when requested
 * @param approvedBy object id of the approving Admin
 * @param approvedAt when approved
 * @param revokedBy who revoked it
 * @param revokedAt when revoked
 * @param expiresAt when it stops holding findings
 */
record SuppressionView(UUID id, SuppressionType type, SuppressionStatus status, String justification,
		@Nullable UUID findingId, @Nullable String checkId, @Nullable String scopePrefix,
		@Nullable String resourceNamePattern, String requestedBy, @Nullable String requestedByName, Instant requestedAt,
		@Nullable String approvedBy, @Nullable Instant approvedAt, @Nullable String revokedBy,
		@Nullable Instant revokedAt, Instant expiresAt) {

}
