package io.amlwarden.access;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Per-item results of a bulk request")
record BulkDecisionResponse(List<BulkDecisionResult> results) {
}
