package io.amlwarden.access;

import io.amlwarden.inventory.RoleAssignment;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * What an item looked like before or after an event: the decision (decisions and
 * timeouts), the apply result and whether the assignment still exists (application), or
 * the role assignment itself (as reviewed before application, as re-created by a
 * re-grant).
 */
@Schema(description = "An item's state before or after an event; only the fields the event concerns are set")
record ItemState(@Nullable Decision decision, @Nullable ApplyResult result, @Nullable Boolean assignmentExists,
		@Nullable RoleAssignment assignment) {
}
