package io.amlwarden.access;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "One entry of an item's append-only history")
record ItemEvent(long id, Instant occurredAt, String kind, String actor, String outcome, @Nullable String detail,
		@Nullable Object before, @Nullable Object after) {
}
