package io.amlwarden.findings;

import java.net.URI;
import java.util.UUID;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.StrongETag;
import io.amlwarden.security.CallerIdentity;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/suppressions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Findings", description = "Findings, their lifecycle, suppressions and exports")
class SuppressionController {

	private final SuppressionService service;

	SuppressionController(SuppressionService service) {
		this.service = service;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.OPERATOR)
	@Operation(operationId = "requestSuppression",
			summary = "Request a suppression of one finding or of a rule; it holds nothing until an Admin "
					+ "other than the requester approves it")
	ResponseEntity<SuppressionView> request(@Valid @RequestBody SuppressionRequest request, HttpServletRequest http) {
		SuppressionView created = this.service.request(request, CallerIdentity.of(http));
		return ResponseEntity.created(URI.create("/api/v1/suppressions/" + created.id())).body(created);
	}

	@PostMapping("/{id}/approve")
	@RequiresRole(WardenRole.ADMIN)
	@Operation(operationId = "approveSuppression",
			summary = "Approve a pending suppression (an Admin other than the requester)")
	SuppressionView approve(@PathVariable UUID id, HttpServletRequest http) {
		return this.service.approve(id, CallerIdentity.of(http));
	}

	@PostMapping("/{id}/revoke")
	@RequiresRole(WardenRole.OPERATOR)
	@Operation(operationId = "revokeSuppression",
			summary = "Revoke a pending or active suppression; the findings it held reopen")
	SuppressionView revoke(@PathVariable UUID id, HttpServletRequest http) {
		return this.service.revoke(id, CallerIdentity.of(http));
	}

	@GetMapping("/{id}")
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getSuppression", summary = "Show a suppression")
	SuppressionView get(@PathVariable UUID id) {
		return this.service.get(id);
	}

	@GetMapping
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listSuppressions", summary = "List suppressions, newest first")
	PageResponse<SuppressionView> list(@RequestParam(required = false) @Nullable SuppressionStatus status,
			@Valid @ParameterObject PageQuery page) {
		return this.service.list(status, page);
	}

}
