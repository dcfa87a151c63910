package io.amlwarden.findings;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.Csv;
import io.amlwarden.findings.FindingQueryStore.CheckSummary;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes findings as CSV, SARIF 2.1.0 or OCSF (Compliance Finding, class 2003) JSON
 * lines, streaming row by row so an export of any size runs in constant memory.
 * <p>
 * Exports are bounded so they can never starve the API of database connections: at most
 * {@code warden.findings.max-concurrent-exports} run at once (each holds one connection
 * while it streams), and each runs under a statement timeout.
 */
@Component
class FindingsExporter {

	private static final String TOOL = "AML Warden";

	private final FindingQueryStore queries;

	private final JsonMapper json;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final FindingsProperties properties;

	private final Semaphore slots;

	FindingsExporter(FindingQueryStore queries, JsonMapper json, JdbcTemplate jdbc,
			PlatformTransactionManager transactionManager, FindingsProperties properties) {
		this.queries = queries;
		this.json = json;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setReadOnly(true);
		this.properties = properties;
		this.slots = new Semaphore(properties.maxConcurrentExports());
	}

	/**
	 * Takes an export slot for one export; run the returned release when it ends.
	 * @return what releases the slot (idempotent)
	 * @throws ApiException 429 with {@code Retry-After} when every slot is taken
	 */
	Runnable reserve() {
		if (!this.slots.tryAcquire()) {
			throw ApiException.tooManyRequests("At most " + this.properties.maxConcurrentExports()
					+ " exports run at once; retry when one has finished", Duration.ofSeconds(10));
		}
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				this.slots.release();
			}
		};
	}

	/**
	 * Streams the findings in a read-only transaction whose statements PostgreSQL cancels
	 * after the export statement timeout.
	 */
	private void stream(FindingFilter filter, Consumer<FindingView> consumer) {
		long millis = Math.max(1, this.properties.exportStatementTimeout().toMillis());
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.execute("SET LOCAL statement_timeout = " + millis);
			this.queries.stream(filter, consumer);
		});
	}

	void csv(FindingFilter filter, OutputStream out) throws IOException {
		var writer = new java.io.BufferedWriter(
				new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
		writer.write("id,state,change,severity,category,checkId,checkTitle,resourceId,resourceType,resourceName,"
				+ "subscriptionId,resourceGroup,workspaceIds,firstSeenAt,lastSeenAt,resolvedAt,occurrences,"
				+ "evidencePath,observed,expected,suppressionId\r\n");
		stream(filter, (finding) -> {
			try {
				writer.write(String.join(",", cell(finding.id()), cell(finding.state()), cell(finding.change()),
						cell(finding.severity()), cell(finding.category()), cell(finding.checkId()),
						cell(finding.checkTitle()), cell(finding.resourceId()), cell(finding.resourceType()),
						cell(finding.resourceName()), cell(finding.subscriptionId()), cell(finding.resourceGroup()),
						cell(String.join(" ", finding.workspaceIds())), cell(finding.firstSeenAt()),
						cell(finding.lastSeenAt()), cell(finding.resolvedAt()), cell(finding.occurrences()),
						cell(finding.evidence().propertyPath()), cell(finding.evidence().observed()),
						cell(finding.evidence().expected()), cell(finding.suppressionId())));
				writer.write("\r\n");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		writer.flush();
	}

	void sarif(FindingFilter filter, OutputStream out) throws IOException {
		List<CheckSummary> checks = this.queries.checks(filter);
		Map<String, Integer> ruleIndex = new HashMap<>();
		try (JsonGenerator generator = this.json.createGenerator(out)) {
			generator.writeStartObject();
			// The OASIS location of the schema the export is tested against
			// (SarifExportSchemaTests).
			generator.writeStringProperty("$schema",
					"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
			generator.writeStringProperty("version", "2.1.0");
			generator.writeArrayPropertyStart("runs");
			generator.writeStartObject();
			generator.writeObjectPropertyStart("tool");
			generator.writeObjectPropertyStart("driver");
			generator.writeStringProperty("name", TOOL);
			generator.writeArrayPropertyStart("rules");
			for (CheckSummary check : checks) {
				ruleIndex.put(check.checkId(), ruleIndex.size());
				Map<String, Object> rule = new LinkedHashMap<>();
				rule.put("id", check.checkId());
				rule.put("name", check.checkId());
				rule.put("shortDescription", Map.of("text", check.title()));
				if (check.remediation() != null) {
					rule.put("help", Map.of("text", check.remediation()));
				}
				rule.put("defaultConfiguration", Map.of("level", level(check.severity())));
				rule.put("properties", Map.of("severity", check.severity(), "category", check.category(), "tags",
						List.of("security", check.category().toLowerCase(Locale.ROOT))));
				generator.writePOJO(rule);
			}
			generator.writeEndArray();
			generator.writeEndObject();
			generator.writeEndObject();
			generator.writeArrayPropertyStart("results");
			stream(filter, (finding) -> {
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("ruleId", finding.checkId());
				result.put("ruleIndex", ruleIndex.getOrDefault(finding.checkId(), -1));
				boolean resolved = finding.state() == FindingState.RESOLVED;
				// SARIF 2.1.0 §3.27.10: a result whose kind is not "fail" has level
				// "none"; the severity stays on the rule and in the properties.
				result.put("level", resolved ? "none" : level(finding.severity()));
				result.put("kind", resolved ? "pass" : "fail");
				result.put("message", Map.of("text", message(finding)));
				result.put("locations", List.of(Map.of("logicalLocations", List.of(Map.of("fullyQualifiedName",
						finding.resourceId(), "name", finding.resourceName(), "kind", "resource")))));
				result.put("partialFingerprints", Map.of("amlWardenFinding/v1", finding.fingerprint()));
				if (finding.state() == FindingState.SUPPRESSED) {
					Map<String, Object> suppression = new LinkedHashMap<>();
					suppression.put("kind", "external");
					suppression.put("status", "accepted");
					if (finding.suppressionId() != null) {
						suppression.put("properties", Map.of("suppressionId", finding.suppressionId().toString()));
					}
					result.put("suppressions", List.of(suppression));
				}
				Map<String, Object> properties = new LinkedHashMap<>();
				properties.put("state", finding.state().name());
				properties.put("change", finding.change().name());
				properties.put("firstSeenAt", finding.firstSeenAt().toString());
				properties.put("lastSeenAt", finding.lastSeenAt().toString());
				properties.put("severity", finding.severity());
				properties.put("subscriptionId", finding.subscriptionId());
				result.put("properties", properties);
				generator.writePOJO(result);
			});
			generator.writeEndArray();
			generator.writeEndObject();
			generator.writeEndArray();
			generator.writeEndObject();
		}
	}

	void ocsf(FindingFilter filter, OutputStream out) throws IOException {
		stream(filter, (finding) -> {
			Map<String, Object> event = new LinkedHashMap<>();
			boolean resolved = finding.state() == FindingState.RESOLVED;
			int activity = resolved ? 3 : (finding.change() == FindingChange.NEW ? 1 : 2);
			event.put("category_uid", 2);
			event.put("category_name", "Findings");
			event.put("class_uid", 2003);
			event.put("class_name", "Compliance Finding");
			event.put("activity_id", activity);
			event.put("type_uid", 2003 * 100 + activity);
			event.put("time", finding.lastSeenAt().toEpochMilli());
			event.put("severity_id", severityId(finding.severity()));
			event.put("severity", capitalise(finding.severity()));
			event.put("status_id", switch (finding.state()) {
				case OPEN -> finding.change() == FindingChange.NEW ? 1 : 2;
				case SUPPRESSED -> 3;
				case RESOLVED -> 4;
			});
			event.put("message", message(finding));
			event.put("metadata", Map.of("version", "1.1.0", "product",
					Map.of("name", TOOL, "vendor_name", "AML Warden"), "uid", finding.id().toString()));
			Map<String, Object> info = new LinkedHashMap<>();
			info.put("uid", finding.fingerprint());
			info.put("title", finding.checkTitle());
			info.put("types", List.of(finding.category()));
			info.put("first_seen_time", finding.firstSeenAt().toEpochMilli());
			info.put("last_seen_time", finding.lastSeenAt().toEpochMilli());
			event.put("finding_info", info);
			event.put("compliance", Map.of("control", finding.checkId(), "status_id", resolved ? 1 : 3, "status",
					resolved ? "Pass" : "Fail"));
			event.put("resources", List.of(Map.of("uid", finding.resourceId(), "type", finding.resourceType(), "name",
					finding.resourceName())));
			event.put("cloud", Map.of("provider", "Azure", "account", Map.of("uid", finding.subscriptionId())));
			if (finding.remediation() != null) {
				event.put("remediation", Map.of("desc", finding.remediation()));
			}
			try {
				out.write(this.json.writeValueAsBytes(event));
				out.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		out.flush();
	}

	private static String message(FindingView finding) {
		String observed = (finding.evidence().observed() != null) ? finding.evidence().observed() : "absent";
		return finding.checkTitle() + ": " + finding.resourceName() + " has "
				+ ((finding.evidence().propertyPath() != null) ? finding.evidence().propertyPath() + " = " : "")
				+ observed
				+ ((finding.evidence().expected() != null) ? " (expected " + finding.evidence().expected() + ")" : "");
	}

	private static String level(String severity) {
		return switch (severity.toUpperCase(Locale.ROOT)) {
			case "CRITICAL", "HIGH" -> "error";
			case "MEDIUM" -> "warning";
			default -> "note";
		};
	}

	private static int severityId(String severity) {
		return switch (severity.toUpperCase(Locale.ROOT)) {
			case "CRITICAL" -> 5;
			case "HIGH" -> 4;
			case "MEDIUM" -> 3;
			case "LOW" -> 2;
			default -> 1;
		};
	}

	private static String capitalise(String value) {
		return value.charAt(0) + value.substring(1).toLowerCase(Locale.ROOT);
	}

	static String cell(@Nullable Object value) {
		return Csv.cell(value);
	}

}
