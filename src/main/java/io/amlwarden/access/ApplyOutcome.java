package io.amlwarden.access;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "What an apply run did (or, for a dry run, would do) with one denied item")
record ApplyOutcome(UUID itemId, String assignmentId, String principalId, @Nullable String roleName, ApplyResult result,
		String detail) {
}
