package io.amlwarden.scans;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.TrendRange;
import io.amlwarden.scans.HistoryViews.PostureTrend;
import io.amlwarden.scans.HistoryViews.WorkspaceHistory;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Posture", description = "Checks, scans and workspace posture")
class HistoryController {

	private final HistoryQueries queries;

	private final Clock clock;

	HistoryController(HistoryQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	@GetMapping("/workspaces/{id}/history")
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getWorkspaceHistory",
			summary = "A workspace's score and results per scan, oldest first (default: the last 30 days; at most "
					+ "two years); points of partial scans are marked")
	WorkspaceHistory history(@PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to) {
		Instant[] span = TrendRange.span(from, to, this.clock.instant());
		return this.queries.workspace(id, span[0], span[1])
			.orElseThrow(() -> ApiException.notFound("Workspace", id.toString()));
	}

	@GetMapping("/posture/trend")
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getPostureTrend",
			summary = "Posture per day or week of the tenant and of each subscription: the last scan of each bucket; "
					+ "a bucket without a scan is a gap (never interpolated). bucket=scan answers every scan of the "
					+ "range as its own point")
	PostureTrend trend(@RequestParam(required = false) @Nullable @Size(max = 64) String subscription,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@Parameter(
					schema = @Schema(allowableValues = { "day", "week", "scan" }, defaultValue = "day")) @RequestParam(
							required = false) @Nullable String bucket) {
		return this.queries.trend(subscription, TrendRange.ofScansOrBuckets(bucket, from, to, this.clock.instant()));
	}

}
