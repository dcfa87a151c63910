package io.amlwarden.posture;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/checks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Posture", description = "Checks, scans and workspace posture")
class CheckController {

	private final PostureEvaluator evaluator;

	CheckController(PostureEvaluator evaluator) {
		this.evaluator = evaluator;
	}

	@GetMapping
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listChecks", summary = "List the checks, ordered by id",
			description = "Filters combine with AND; enum values are accepted in any case.")
	PageResponse<CheckMetadata> list(
			@Parameter(schema = @Schema(implementation = Category.class)) @RequestParam(name = "category",
					required = false) @Nullable @Size(max = 40) String categoryName,
			@Parameter(schema = @Schema(implementation = Severity.class)) @RequestParam(name = "severity",
					required = false) @Nullable @Size(max = 40) String severityName,
			@Parameter(description = "Only checks evaluated in this profile",
					schema = @Schema(implementation = Profile.class)) @RequestParam(name = "profile",
							required = false) @Nullable @Size(max = 40) String profileName,
			@Parameter(description = "ARM type, any case, e.g. `Microsoft.KeyVault/vaults`") @RequestParam(
					required = false) @Nullable @Size(max = 200) String resourceType,
			@Valid @ParameterObject PageQuery page) {
		Category category = parse(Category.class, "category", categoryName);
		Severity severity = parse(Severity.class, "severity", severityName);
		Profile profile = parse(Profile.class, "profile", profileName);
		List<CheckMetadata> matching = this.evaluator.catalogue()
			.stream()
			.filter((c) -> category == null || c.category() == category)
			.filter((c) -> severity == null || c.severity() == severity)
			.filter((c) -> profile == null || c.includedIn(profile))
			.filter((c) -> resourceType == null || c.resourceType().equalsIgnoreCase(resourceType.trim()))
			.toList();
		int size = (page.size() != null) ? page.size() : PageQuery.DEFAULT_SIZE;
		int number = (page.page() != null) ? page.page() : 0;
		long from = Math.min((long) number * size, matching.size());
		int to = (int) Math.min(from + size, matching.size());
		int totalPages = (matching.size() + size - 1) / size;
		return new PageResponse<>(matching.subList((int) from, to), number, size, matching.size(), totalPages);
	}

	@GetMapping("/{id}")
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getCheck", summary = "Show one check")
	CheckMetadata get(@Parameter(description = "The check id, e.g. `kv-purge-protection`") @PathVariable @Size(
			max = 100) String id) {
		return this.evaluator.metadata(id.toLowerCase(Locale.ROOT))
			.orElseThrow(() -> ApiException.notFound("Check", id));
	}

	/**
	 * Parses an enum filter ignoring case, so that {@code ?profile=regulated} works as
	 * well as {@code ?profile=REGULATED}.
	 */
	private static <E extends Enum<E>> @Nullable E parse(Class<E> type, String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(value.trim())) {
				return constant;
			}
		}
		throw ApiException.badRequest("Unknown " + name + " '" + value + "'; expected one of "
				+ Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
	}

}
