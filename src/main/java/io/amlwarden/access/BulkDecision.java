package io.amlwarden.access;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "One decision of a bulk request")
record BulkDecision(@NotNull UUID itemId, @NotNull Decision decision,
		@Nullable @Size(max = 2000) String justification) {
}
