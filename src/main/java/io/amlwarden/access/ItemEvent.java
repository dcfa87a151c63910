package io.amlwarden.access;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "One entry of an item's append-only history")
record ItemEvent(long id, Instant occurredAt, @Schema(allowableValues = {
		"DECISION", "TIMEOUT", "APPLY", "REGRANT" }) String kind, String actor,
		@Schema(description = "The decision taken, the apply result, or REGRANTED") String outcome,
		@Nullable String detail, @Nullable ItemState before, @Nullable ItemState after){
}
