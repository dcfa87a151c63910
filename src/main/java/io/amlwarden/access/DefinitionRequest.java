package io.amlwarden.access;

import java.time.Duration;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A review definition to create")
record DefinitionRequest(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 2000) String description,
		@NotNull @Valid ReviewScope scope, @NotNull @Valid Reviewers reviewers,
		@Schema(description = "ISO-8601 period between instances, e.g. P90D; omit for on-demand only",
				example = "P90D") @Nullable Duration recurrence,
		@Schema(description = "How long an instance stays open, e.g. P14D",
				example = "P14D") @NotNull Duration duration,
		@NotNull DefaultDecision defaultDecision, boolean autoApply, boolean justificationRequired,
		@Schema(description = "Largest share of an instance's items one apply run may remove (0..1); defaults "
				+ "to the service ceiling") @Nullable @DecimalMin("0") @DecimalMax("1") Double maxRemovalShare) {
}
