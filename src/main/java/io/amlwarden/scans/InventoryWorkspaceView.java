package io.amlwarden.scans;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A workspace as last collected.
 *
 * @param id opaque stable id (use it in {@code /api/v1/inventory/workspaces/{id}})
 * @param armId the ARM id as Azure returned it
 * @param subscriptionId subscription (lower-cased)
 * @param resourceGroup resource group (lower-cased)
 * @param name workspace name
 * @param kind Default, Hub, Project, ... ({@code null} on old workspaces)
 * @param location Azure region
 * @param deleted no longer found by a complete listing of its subscription
 * @param deletedAt when that listing ran
 * @param lastScanId the scan whose collection last saw the workspace
 * @param collectedAt when that collection ran
 * @param firstSeenAt when a collection first saw the workspace
 * @param document the workspace with its linked resources, diagnostic settings and read
 * failures
 */
record InventoryWorkspaceView(UUID id, String armId, String subscriptionId, String resourceGroup, String name,
		@Nullable String kind, @Nullable String location, boolean deleted, @Nullable Instant deletedAt,
		@Nullable UUID lastScanId, Instant collectedAt, Instant firstSeenAt,
		@Schema(description = "The workspace (`workspace`), its `computes` and `onlineEndpoints`, and each linked "
				+ "resource (`keyVault`, `customerManagedKey` with its `vault` and `key`, `storageAccount`, "
				+ "`containerRegistry`, `applicationInsights`) as `{id, state, value | failure}` where state is "
				+ "PRESENT, ABSENT (read: does not exist), UNREADABLE (e.g. 403) or NOT_COLLECTED; "
				+ "`diagnosticSettings` per resource; `readFailures`. Never contains key material.",
				type = "object") JsonNode document) {

}
