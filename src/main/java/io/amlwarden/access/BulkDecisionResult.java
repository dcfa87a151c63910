package io.amlwarden.access;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "The outcome of one decision of a bulk request")
record BulkDecisionResult(UUID itemId, int status, @Nullable String problemType, @Nullable String detail) {
}
