package io.amlwarden.scans;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.StrongETag;
import io.amlwarden.findings.FindingSummaries;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/workspaces", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Posture", description = "Checks, scans and workspace posture")
class WorkspacePostureController {

	private final WorkspacePostureStore store;

	private final FindingSummaries findings;

	WorkspacePostureController(WorkspacePostureStore store, FindingSummaries findings) {
		this.store = store;
		this.findings = findings;
	}

	@GetMapping
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listWorkspacePostures",
			summary = "Posture summary per workspace (with its dependencies), lowest score first")
	PageResponse<WorkspaceSummary> list(@RequestParam(required = false) @Nullable @Size(max = 64) String subscription,
			@Valid @ParameterObject PageQuery page) {
		Pageable pageable = page.toPageable(Sort.unsorted());
		List<WorkspacePostureStore.Summary> summaries = this.store.page(subscription, pageable.getPageSize(),
				pageable.getOffset());
		Map<String, Map<String, Integer>> open = this.findings
			.openBySeverity(summaries.stream().map(WorkspacePostureStore.Summary::workspaceId).toList());
		List<WorkspaceSummary> items = summaries.stream()
			.map((summary) -> new WorkspaceSummary(summary,
					open.getOrDefault(summary.workspaceId().toLowerCase(java.util.Locale.ROOT), Map.of())))
			.toList();
		long total = this.store.count(subscription);
		return PageResponse.of(items, pageable, total);
	}

	@GetMapping("/{id}/posture")
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getWorkspacePosture",
			summary = "Every check result of a workspace and the resources it depends on, from its latest scan")
	WorkspacePostureStore.Detail posture(@PathVariable UUID id) {
		return this.store.get(id).orElseThrow(() -> ApiException.notFound("Workspace posture", id.toString()));
	}

	/**
	 * A workspace's posture with its open findings.
	 *
	 * @param posture the latest scan's score and counts
	 * @param openFindingsBySeverity open findings of the workspace and its dependencies
	 */
	record WorkspaceSummary(WorkspacePostureStore.Summary posture, Map<String, Integer> openFindingsBySeverity) {
	}

}
