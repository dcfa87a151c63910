package io.amlwarden.access;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Decision and application counts of an instance")
record Progress(int undecided, int approved, int denied, int dontKnow, int appliedSuccessfully,
		int appliedButObjectNotFound, int notApplied, int failed, int regranted) {
}
