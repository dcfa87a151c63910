package io.amlwarden.access;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@Schema(description = "A scope to evaluate the signals over")
record SignalScanRequest(@NotNull @Valid ReviewScope scope) {
}
