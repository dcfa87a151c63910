package io.amlwarden.access;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(description = "Several decisions at once; each succeeds or fails on its own")
record BulkDecisionRequest(@NotEmpty @Size(max = 500) List<@NotNull @Valid BulkDecision> decisions) {
}
