package io.amlwarden.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller that exercises every kind of bad input, for the problem-details tests
 * only. {@code @TestComponent} keeps it out of component scanning: tests import it
 * explicitly.
 */
@TestComponent
@RestController
@RequestMapping(path = "/api/v1/probe", produces = MediaType.APPLICATION_JSON_VALUE)
class ProblemProbeController {

	enum Colour {

		RED, GREEN

	}

	record Widget(@NotBlank @Size(max = 20) String name, @NotNull @Min(1) @Max(10) Integer count,
			@NotNull Colour colour, Instant due, List<@NotBlank String> tags) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.OPERATOR)
	Widget create(@Valid @RequestBody Widget widget) {
		return widget;
	}

	@GetMapping("/{id}")
	@RequiresRole(WardenRole.READER)
	String get(@PathVariable UUID id, @RequestParam(defaultValue = "1") @Min(1) @Max(5) int depth) {
		if (id.getMostSignificantBits() == 0) {
			throw ApiException.notFound("Widget", id.toString());
		}
		return "\"" + id + "\"";
	}

	@GetMapping("/boom")
	@RequiresRole(WardenRole.READER)
	String boom() {
		throw new IllegalStateException("secret internal detail at jdbc:postgresql://db/prod");
	}

	@GetMapping("/admin-only")
	@RequiresRole(WardenRole.ADMIN)
	String adminOnly() {
		return "\"ok\"";
	}

	@GetMapping("/page")
	@RequiresRole(WardenRole.READER)
	String page(@Valid PageQuery page) {
		return "\"" + page.toPageable(org.springframework.data.domain.Sort.unsorted()).getPageSize() + "\"";
	}

}
