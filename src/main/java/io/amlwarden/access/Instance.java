package io.amlwarden.access;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "An instance of a review")
record Instance(UUID id, UUID definitionId, InstanceStatus status, Instant openedAt, String openedBy, Instant dueAt,
		@Nullable Instant warnedAt, @Nullable Instant closedAt, @Nullable String closedBy, @Nullable Instant appliedAt,
		int itemCount, boolean partial, @Nullable String coverageNote, Progress progress) {
}
