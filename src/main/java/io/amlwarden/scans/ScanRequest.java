package io.amlwarden.scans;

import java.util.List;

import io.amlwarden.posture.Profile;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What to scan. Subscriptions are required; resource groups and workspaces narrow the
 * scope.
 *
 * @param subscriptions subscription ids (GUIDs)
 * @param resourceGroups resource group ARM ids
 * ({@code /subscriptions/{id}/resourceGroups/{name}})
 * @param workspaces workspace ARM ids
 * @param profile the check profile; when absent each subscription's configured profile
 */
record ScanRequest(
		@NotEmpty @Size(max = 500) List<@Pattern(
				regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
				message = "must be a subscription id (GUID)") String> subscriptions,
		@Nullable @Size(
				max = 1000) List<@Pattern(regexp = "(?i)/subscriptions/[0-9a-f-]{36}/resourceGroups/[-\\w._()]{1,90}",
						message = "must be a resource group ARM id") String> resourceGroups,
		@Nullable @Size(max = 5000) List<@Pattern(
				regexp = "(?i)/subscriptions/[0-9a-f-]{36}/resourceGroups/[-\\w._()]{1,90}/providers/Microsoft\\.MachineLearningServices/workspaces/[-\\w]{1,260}",
				message = "must be an Azure ML workspace ARM id") String> workspaces,
		@Schema(description = "BASELINE or REGULATED; defaults to each subscription's configured profile") @Nullable Profile profile) {

}
