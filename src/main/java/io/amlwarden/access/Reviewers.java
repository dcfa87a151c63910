package io.amlwarden.access;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "Who reviews: named principals, or the owners of each item's workspace")
record Reviewers(@NotNull ReviewerMode mode, @Nullable @Size(max = 100) List<@NotBlank String> principalIds) {

	Reviewers {
		principalIds = (principalIds != null) ? List.copyOf(principalIds) : List.of();
	}

}
