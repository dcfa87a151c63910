package io.amlwarden.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "One role assignment under review")
record Item(UUID id, UUID reviewId, String assignmentId, String scope, String roleDefinitionId,
		@Nullable String roleName, String principalId, @Nullable String principalType, @Nullable String principalName,
		PrincipalState principalState, boolean breakGlass, List<SignalView> signals, Recommendation recommendation,
		String reason, List<String> workspaceIds, @Nullable Decision decision, @Nullable String justification,
		@Nullable String decidedBy, @Nullable Instant decidedAt, @Nullable ApplyResult applyResult,
		@Nullable String applyDetail, @Nullable String appliedBy, @Nullable Instant appliedAt,
		@Nullable Instant regrantedAt, @Nullable String regrantedBy) {
}
