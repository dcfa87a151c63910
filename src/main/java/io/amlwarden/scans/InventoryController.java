package io.amlwarden.scans;

import java.util.UUID;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/inventory/workspaces", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Inventory", description = "ML workspaces as last collected, with their linked resources")
class InventoryController {

	private final InventoryQueryStore queries;

	InventoryController(InventoryQueryStore queries) {
		this.queries = queries;
	}

	@GetMapping
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listInventoryWorkspaces",
			summary = "List workspaces with their linked resources, sorted by ARM id")
	PageResponse<InventoryWorkspaceView> list(@Valid @ParameterObject WorkspaceFilter filter,
			@Valid @ParameterObject PageQuery page) {
		return this.queries.list(filter, page);
	}

	@GetMapping("/{id}")
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getInventoryWorkspace", summary = "Show one workspace with its linked resources")
	InventoryWorkspaceView get(@Parameter(description = "The workspace's opaque id") @PathVariable UUID id) {
		return this.queries.get(id);
	}

}
