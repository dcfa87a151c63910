package io.amlwarden.access;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "One signal on an item")
record SignalView(String checkId, @Schema(allowableValues = {
		"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO" }) String severity, String evidence){
}
