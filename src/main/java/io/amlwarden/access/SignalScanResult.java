package io.amlwarden.access;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "What a signal scan found")
record SignalScanResult(int assignments, java.util.Map<String, Integer> signals, boolean complete,
		@Nullable String coverageNote, int findingsOpened, int findingsResolved) {
}
