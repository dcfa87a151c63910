package io.amlwarden.overview;

import io.amlwarden.api.StrongETag;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/overview", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Overview", description = "The tenant at a glance, for portals and dashboards")
class OverviewController {

	private final OverviewQueries queries;

	OverviewController(OverviewQueries queries) {
		this.queries = queries;
	}

	@GetMapping
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getOverview",
			summary = "Open findings, workspace scores, key expiry, work waiting for people, last scans per "
					+ "subscription and recent rotations, from the database alone; each number equals the total of "
					+ "the corresponding list")
	Overview overview(@RequestParam(required = false) @Nullable @Size(max = 64) String subscription) {
		return this.queries.overview(subscription);
	}

}
