package io.amlwarden.scans;

import java.util.List;

import io.amlwarden.azure.ArmId;
import io.amlwarden.posture.Profile;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What to scan. Resource groups and workspaces narrow the scope. An empty body, or one
 * without subscriptions, scans {@code warden.azure.subscriptions}.
 *
 * @param subscriptions subscription ids (GUIDs); absent or empty means the configured
 * ones
 * @param resourceGroups resource group ARM ids
 * ({@code /subscriptions/{id}/resourceGroups/{name}})
 * @param workspaces workspace ARM ids
 * @param profile the check profile; when absent each subscription's configured profile
 */
record ScanRequest(
		@Nullable @Size(max = 500) List<@Pattern(regexp = ArmId.SUBSCRIPTION_ID,
				message = "must be a subscription id (GUID)") String> subscriptions,
		@Nullable @Size(max = 1000) List<@Pattern(regexp = ArmId.RESOURCE_GROUP_ID,
				message = "must be a resource group ARM id") String> resourceGroups,
		@Nullable @Size(max = 5000) List<@Pattern(regexp = ArmId.WORKSPACE_ID,
				message = "must be an Azure ML workspace ARM id") String> workspaces,
		@Schema(description = "BASELINE or REGULATED; defaults to each subscription's configured profile") @Nullable Profile profile) {

}
