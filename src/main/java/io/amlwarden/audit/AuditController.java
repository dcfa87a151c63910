package io.amlwarden.audit;

import java.time.Instant;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/audit-events", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "Append-only trail of mutating requests, denials and service actions")
class AuditController {

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listAuditEvents", summary = "Search the audit trail, newest first")
	PageResponse<AuditEventView> search(
			@Parameter(description = "Object id, app id or name of the caller") @RequestParam(
					required = false) @Nullable @Size(max = 256) String principal,
			@Parameter(description = "Prefix of the action, e.g. `POST /api/v1/rotations`") @RequestParam(
					required = false) @Nullable @Size(max = 600) String action,
			@RequestParam(required = false) @Nullable AuditOutcome outcome,
			@Parameter(description = "Earliest time, inclusive (ISO-8601 UTC)") @RequestParam(
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@Parameter(description = "Latest time, exclusive (ISO-8601 UTC)") @RequestParam(
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@Valid @ParameterObject PageQuery page) {
		if (from != null && to != null && !from.isBefore(to)) {
			throw ApiException.badRequest("'from' must be before 'to'");
		}
		return this.trail.search(new AuditTrail.AuditQuery(principal, action, outcome, from, to), page);
	}

}
