package io.amlwarden.audit;

import java.time.Instant;

import io.amlwarden.security.CallerIdentity;
import org.jspecify.annotations.Nullable;

/**
 * What to append to the audit trail.
 *
 * @param occurredAt when it happened
 * @param caller who did it ({@link CallerIdentity#ANONYMOUS} for unauthenticated
 * requests; a service identity for scheduled work)
 * @param method HTTP method, or {@code JOB} for work the service does on its own
 * @param action what was attempted, e.g. {@code POST /api/v1/rotations/{id}/approve}
 * @param target the concrete resource addressed, e.g. the request path
 * @param outcome how it ended
 * @param status HTTP status (or 0 for jobs)
 * @param correlationId ties the event to the request's logs
 * @param clientAddress the caller's address as seen by the service
 */
public record AuditRecord(Instant occurredAt, CallerIdentity caller, String method, String action,
		@Nullable String target, AuditOutcome outcome, int status, String correlationId,
		@Nullable String clientAddress) {

}
