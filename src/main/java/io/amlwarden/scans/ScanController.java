package io.amlwarden.scans;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.StrongETag;
import io.amlwarden.security.CallerIdentity;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.format.annotation.DateTimeFormat;
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
@RequestMapping(path = "/api/v1/scans", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Posture", description = "Checks, scans and workspace posture")
class ScanController {

	private final ScanService scans;

	ScanController(ScanService scans) {
		this.scans = scans;
	}

	// No "consumes": an empty POST without a Content-Type scans the configured
	// subscriptions.
	@PostMapping
	@RequiresRole(WardenRole.OPERATOR)
	@Operation(operationId = "startScan",
			summary = "Start a scan of subscriptions, resource groups or workspaces (an empty body scans "
					+ "warden.azure.subscriptions); answers 202 with the scan's location, or 409 if the scope already "
					+ "has a queued or running scan",
			responses = @ApiResponse(responseCode = "202", description = "Queued; Location names the scan",
					useReturnTypeSchema = true))
	ResponseEntity<ScanView> start(@Valid @RequestBody(required = false) @Nullable ScanRequest request,
			HttpServletRequest http) {
		ScanView scan = this.scans.request(request, CallerIdentity.of(http));
		return ResponseEntity.accepted().location(URI.create("/api/v1/scans/" + scan.id())).body(scan);
	}

	@GetMapping("/{id}")
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getScan",
			summary = "Show a scan: state, counts, duration, Azure requests and unreadable resources")
	ScanView get(@PathVariable UUID id) {
		return this.scans.get(id);
	}

	@GetMapping
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listScans",
			summary = "List scans, newest first; filters subscription, state, trigger and the time queued "
					+ "(from inclusive, to exclusive)")
	PageResponse<ScanView> list(@RequestParam(required = false) @Nullable @Size(max = 64) String subscription,
			@RequestParam(required = false) @Nullable ScanState state,
			@Parameter(schema = @Schema(allowableValues = { "API", "SCHEDULE", "RETRY" })) @RequestParam(
					required = false) @Nullable @Pattern(regexp = "API|SCHEDULE|RETRY",
							message = "must be API, SCHEDULE or RETRY") String trigger,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@Valid @ParameterObject PageQuery page) {
		return this.scans.list(new ScanStore.Filter(subscription, state, trigger, from, to), page);
	}

}
