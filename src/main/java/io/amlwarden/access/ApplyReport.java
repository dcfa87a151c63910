package io.amlwarden.access;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "An apply run's report")
record ApplyReport(UUID reviewId, boolean dryRun, int removalCap, int removed, List<ApplyOutcome> outcomes) {
}
