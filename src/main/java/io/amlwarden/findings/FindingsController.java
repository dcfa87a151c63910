package io.amlwarden.findings;

import java.util.UUID;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.StrongETag;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping(path = "/api/v1/findings")
@Tag(name = "Findings", description = "Findings, their lifecycle, suppressions and exports")
class FindingsController {

	private final FindingQueryStore queries;

	private final FindingsExporter exporter;

	FindingsController(FindingQueryStore queries, FindingsExporter exporter) {
		this.queries = queries;
		this.exporter = exporter;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listFindings", summary = "List findings")
	PageResponse<FindingView> list(@Valid @ParameterObject FindingFilter filter,
			@RequestParam(defaultValue = "SEVERITY") FindingSort sort, @Valid @ParameterObject PageQuery page) {
		return this.queries.list(filter, sort, page);
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getFinding", summary = "Show a finding with its history")
	FindingView.Detail get(@PathVariable UUID id) {
		return this.queries.get(id);
	}

	@GetMapping(path = "/export",
			produces = { "text/csv", "application/sarif+json", "application/x-ndjson",
					MediaType.APPLICATION_JSON_VALUE })
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "exportFindings",
			summary = "Export findings as CSV, SARIF 2.1.0 or OCSF Compliance Finding JSON lines (streamed)",
			responses = @ApiResponse(responseCode = "200", description = "The export, as a file",
					content = { @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
							@Content(mediaType = "application/sarif+json",
									schema = @Schema(type = "string", format = "binary")),
							@Content(mediaType = "application/x-ndjson",
									schema = @Schema(type = "string", format = "binary")) }))
	ResponseEntity<StreamingResponseBody> export(@RequestParam ExportFormat format,
			@Valid @ParameterObject FindingFilter filter) {
		Runnable release = this.exporter.reserve();
		StreamingResponseBody export = switch (format) {
			case CSV -> (out) -> this.exporter.csv(filter, out);
			case SARIF -> (out) -> this.exporter.sarif(filter, out);
			case OCSF -> (out) -> this.exporter.ocsf(filter, out);
		};
		StreamingResponseBody body = (out) -> {
			try {
				export.writeTo(out);
			}
			finally {
				release.run();
			}
		};
		return ResponseEntity.ok()
			.contentType(format.mediaType())
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"findings." + format.extension() + "\"")
			.body(body);
	}

	/**
	 * Export formats.
	 */
	enum ExportFormat {

		CSV("text/csv", "csv"), SARIF("application/sarif+json", "sarif"), OCSF("application/x-ndjson", "ocsf.jsonl");

		private final String mediaType;

		private final String extension;

		ExportFormat(String mediaType, String extension) {
			this.mediaType = mediaType;
			this.extension = extension;
		}

		MediaType mediaType() {
			return MediaType.parseMediaType(this.mediaType);
		}

		String extension() {
			return this.extension;
		}

	}

}
