package io.amlwarden.access;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "A review definition")
record Definition(UUID id, String name, @Nullable String description, ReviewScope scope, Reviewers reviewers,
		@Nullable Duration recurrence, Duration duration, DefaultDecision defaultDecision, boolean autoApply,
		boolean justificationRequired, double maxRemovalShare, @Nullable Instant nextRunAt, Instant createdAt,
		String createdBy) {
}
