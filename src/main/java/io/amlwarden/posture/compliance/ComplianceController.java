package io.amlwarden.posture.compliance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.Csv;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/compliance")
@Tag(name = "Compliance", description = "Framework controls evidenced by the checks, with their latest results")
class ComplianceController {

	private static final String CSV = "text/csv";

	private final ComplianceFrameworks frameworks;

	private final ComplianceResults results;

	ComplianceController(ComplianceFrameworks frameworks, ComplianceResults results) {
		this.frameworks = frameworks;
		this.results = results;
	}

	@GetMapping(path = "/frameworks", produces = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listComplianceFrameworks",
			summary = "The supported compliance frameworks and where their mapping comes from")
	List<FrameworkSummary> list() {
		return this.frameworks.all()
			.stream()
			.map((framework) -> new FrameworkSummary(framework.id(), framework.title(), framework.version(),
					framework.source(), framework.controls().size(), framework.allControlIds().size()))
			.toList();
	}

	@GetMapping(path = "/{framework}", produces = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getComplianceFramework",
			summary = "Per control of a framework: its checks and their PASS/FAIL/UNKNOWN/NOT_APPLICABLE counts")
	FrameworkReport get(@PathVariable @Size(max = 64) String framework,
			@RequestParam(required = false) @Nullable @Size(max = 64) String subscription) {
		return report(framework, subscription);
	}

	@GetMapping(path = "/{framework}/export", produces = CSV)
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "exportComplianceFramework",
			summary = "A framework's controls, checks and counts as CSV, one row per control and check")
	ResponseEntity<String> export(@PathVariable @Size(max = 64) String framework,
			@RequestParam(required = false) @Nullable @Size(max = 64) String subscription) {
		FrameworkReport report = report(framework, subscription);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + report.id() + ".csv\"")
			.body(csv(report));
	}

	private FrameworkReport report(String id, @Nullable String subscription) {
		ComplianceFrameworks.Framework framework = this.frameworks.find(id)
			.orElseThrow(() -> ApiException.notFound("Compliance framework", id));
		Map<String, ComplianceResults.Counts> counts = this.results.byCheck(subscription);
		List<ControlReport> controls = framework.controls().stream().map((control) -> {
			List<CheckCounts> checks = control.checks()
				.stream()
				.map((check) -> new CheckCounts(check, counts.getOrDefault(check, ComplianceResults.Counts.NONE)))
				.toList();
			ComplianceResults.Counts total = checks.stream()
				.map(CheckCounts::counts)
				.reduce(ComplianceResults.Counts.NONE, ComplianceResults.Counts::plus);
			return new ControlReport(control.id(), control.title(), total, checks);
		}).toList();
		return new FrameworkReport(framework.id(), framework.title(), framework.source(), subscription, controls);
	}

	private static String csv(FrameworkReport report) {
		StringBuilder out = new StringBuilder("framework,control,controlTitle,check,pass,fail,unknown,notApplicable\n");
		for (ControlReport control : report.controls()) {
			for (CheckCounts check : control.checks()) {
				ComplianceResults.Counts counts = check.counts();
				out.append(String.join(",", Csv.cell(report.id()), Csv.cell(control.id()), Csv.cell(control.title()),
						Csv.cell(check.checkId()), Integer.toString(counts.pass()), Integer.toString(counts.fail()),
						Integer.toString(counts.unknown()), Integer.toString(counts.notApplicable())))
					.append('\n');
			}
		}
		return out.toString();
	}

	/**
	 * A supported framework.
	 *
	 * @param id stable id used in the path
	 * @param title the initiative's display name
	 * @param version the initiative's version at the source commit
	 * @param source where the mapping was derived from
	 * @param mappedControls controls evidenced by at least one check
	 * @param totalControls every control of the initiative
	 */
	record FrameworkSummary(String id, String title, String version, ComplianceFrameworks.Source source,
			int mappedControls, int totalControls) {
	}

	/**
	 * A framework's controls with their results.
	 *
	 * @param id the framework id
	 * @param title the framework title
	 * @param source where the mapping was derived from
	 * @param subscription the subscription the counts are limited to, or {@code null} for
	 * all
	 * @param controls each mapped control
	 */
	record FrameworkReport(String id, String title, ComplianceFrameworks.Source source, @Nullable String subscription,
			List<ControlReport> controls) {
	}

	/**
	 * One control.
	 *
	 * @param id the control id
	 * @param title the control title
	 * @param counts the sum over its checks
	 * @param checks each check with its counts
	 */
	record ControlReport(String id, String title, ComplianceResults.Counts counts, List<CheckCounts> checks) {
	}

	/**
	 * One check's results.
	 *
	 * @param checkId the check id
	 * @param counts results by status
	 */
	record CheckCounts(String checkId, ComplianceResults.Counts counts) {
	}

}
