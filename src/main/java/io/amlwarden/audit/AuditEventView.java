package io.amlwarden.audit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An audit event as the API returns it.
 *
 * @param id position in the trail; later events have larger ids
 * @param occurredAt when it happened (UTC)
 * @param principalId Entra object id of the caller, or {@code anonymous}
 * @param principalAppId the calling application's client id
 * @param principalName display name of the caller
 * @param roles effective Warden roles of the caller
 * @param method HTTP method
 * @param action method and route template
 * @param target the concrete path addressed
 * @param outcome how it ended
 * @param status HTTP status answered
 * @param correlationId the request's correlation id
 * @param clientAddress the caller's address
 */
record AuditEventView(@Nullable Long id, Instant occurredAt, String principalId, @Nullable String principalAppId,
		@Nullable String principalName, List<String> roles, String method, String action, @Nullable String target,
		AuditOutcome outcome, int status, String correlationId, @Nullable String clientAddress) {

}
