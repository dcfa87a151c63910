package io.amlwarden.scans;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the workspace inventory list; each one left empty matches everything. All
 * comparisons ignore case.
 *
 * @param subscription subscription id
 * @param resourceGroup resource group name
 * @param name part of the workspace name
 * @param armId the workspace's full ARM id
 * @param deleted only workspaces flagged deleted ({@code true}) or only current ones
 * ({@code false})
 */
record WorkspaceFilter(@Parameter(description = "Subscription id") @Nullable @Size(max = 64) String subscription,
		@Parameter(description = "Resource group name") @Nullable @Size(max = 100) String resourceGroup,
		@Parameter(description = "Part of the workspace name (case-insensitive)") @Nullable @Size(
				max = 260) String name,
		@Parameter(description = "The workspace's ARM id (case-insensitive)") @Nullable @Size(max = 1024) String armId,
		@Parameter(description = "true: only workspaces no longer found in Azure; false: only current ones; "
				+ "absent: both") @Nullable Boolean deleted) {

}
