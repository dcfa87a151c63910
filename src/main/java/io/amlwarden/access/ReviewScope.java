package io.amlwarden.access;

import java.util.List;
import java.util.Locale;

import io.amlwarden.azure.ArmId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "What a review covers")
record ReviewScope(
		@NotEmpty @Size(max = 200) List<@NotBlank @Pattern(regexp = ArmId.SUBSCRIPTION_ID,
				message = "must be a subscription id (GUID)") String> subscriptionIds,
		@Nullable @Size(max = 200) List<@NotBlank String> resourceGroups,
		@Nullable @Size(max = 1000) List<@NotBlank String> workspaceIds) {

	ReviewScope {
		subscriptionIds = List.copyOf(subscriptionIds);
		resourceGroups = (resourceGroups != null) ? List.copyOf(resourceGroups) : List.of();
		workspaceIds = (workspaceIds != null) ? List.copyOf(workspaceIds) : List.of();
	}

	io.amlwarden.inventory.InventoryScope toInventoryScope() {
		return new io.amlwarden.inventory.InventoryScope(
				this.subscriptionIds.stream().map((s) -> s.toLowerCase(Locale.ROOT)).toList(), this.resourceGroups,
				this.workspaceIds);
	}

}
