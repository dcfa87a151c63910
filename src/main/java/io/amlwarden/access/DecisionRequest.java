package io.amlwarden.access;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A reviewer's decision on one item")
record DecisionRequest(@NotNull Decision decision, @Nullable @Size(max = 2000) String justification) {
}
