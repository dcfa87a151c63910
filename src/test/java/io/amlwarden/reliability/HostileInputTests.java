package io.amlwarden.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.amlwarden.reliability.ApiOperations.Operation;
import io.amlwarden.reliability.ApiOperations.Parameter;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.ServiceTest;
import io.amlwarden.support.WardenIntegrationTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every {@code /api} operation of the service's own OpenAPI document and sends it
 * hostile input, with a token of every role and without one: malformed and mistyped
 * bodies, missing and unknown fields, huge strings and bodies over the limit, invalid
 * UUIDs and ARM ids, path traversal, injection strings, unknown enum values, bad paging
 * and wrong content types. Every answer is a 2xx or a 4xx problem that leaks nothing, no
 * rejected request changes a table, and the audit trail grows by exactly the audited
 * requests.
 */
@WardenIntegrationTest
class HostileInputTests extends ServiceTest {

	/** The injections sent in every field and parameter (all of them go into paths). */
	static final List<String> FIELD_INJECTIONS = List.of("' OR 1=1 --", "<script>alert(1)</script>",
			"${jndi:ldap://127.0.0.1:1/a}", "../../../etc/passwd");

	static final String HUGE = "x".repeat(100_000);

	/** Larger than {@code warden.security.max-request-body} (1 MB). */
	static final String OVER_LIMIT = "{\"x\":\"" + "y".repeat(1_100_000) + "\"}";

	static final Pattern LEAKS = Pattern.compile("at io\\.|at org\\.|at java\\.|Exception|SELECT |INSERT INTO|"
			+ "UPDATE \\w+ SET|syntax error|org\\.postgresql|SQLState|org\\.hibernate|java\\.lang\\.|tools\\.jackson");

	@Test
	void everyOperationAnswersHostileInputWithProblemsAndChangesNothing() {
		Http http = new Http(this.port);
		ApiOperations api = ApiOperations.of(http.get("/v3/api-docs").json());
		List<Operation> operations = api.all();
		assertThat(operations).hasSizeGreaterThan(20);

		Map<String, String[]> callers = new LinkedHashMap<>();
		callers.put("none", new String[0]);
		for (String role : List.of("Warden.Reader", "Warden.Operator", "Warden.Reviewer", "Warden.Admin")) {
			callers.put(role, Http.bearer(this.issuer.token("hostile-" + UUID.randomUUID(), role)));
		}

		Map<String, Long> before = tableCounts();
		long auditBefore = auditCount();
		long audited = 0;
		int sent = 0;
		List<String> accepted = new ArrayList<>();
		SoftAssertions softly = new SoftAssertions();
		for (Operation operation : operations) {
			List<Case> cases = cases(api, operation);
			for (Map.Entry<String, String[]> caller : callers.entrySet()) {
				boolean permitted = permitted(caller.getKey(), operation.requiredRole());
				// The role the operation asks for gets every case; other callers get one
				// of each kind (they are refused before the input is looked at).
				Set<String> kinds = new HashSet<>();
				for (Case hostile : cases) {
					if (!caller.getKey().equals(operation.requiredRole()) && !kinds.add(hostile.kind())) {
						continue;
					}
					Response response = http.send(hostile.method(), hostile.uri(), hostile.contentType(),
							hostile.body(), caller.getValue());
					sent++;
					String what = caller.getKey() + " " + hostile;
					int status = response.status();
					// Requests Tomcat refuses before the application (no correlation id)
					// never reach the audit filter.
					boolean reachedService = response.header("X-Request-Id") != null;
					if (reachedService && (operation.mutating() || status == 401 || status == 403)) {
						audited++;
					}
					if (status >= 200 && status < 300 && operation.mutating()) {
						accepted.add(what + " -> " + status);
					}
					softly.assertThat(status).as(what).isBetween(200, 499);
					if (status >= 400) {
						softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
					}
					softly.assertThat(response.body()).as(what).doesNotContainPattern(LEAKS);
					if (caller.getKey().equals("none")) {
						softly.assertThat(status).as(what).isIn(400, 401, 413);
					}
					else if (!permitted) {
						softly.assertThat(status).as(what).isGreaterThanOrEqualTo(400);
					}
				}
			}
		}
		softly.assertAll();
		assertThat(accepted).as("mutating requests with hostile input that were accepted").isEmpty();
		assertThat(tableCounts()).as("row counts of every module table").isEqualTo(before);
		assertThat(auditCount() - auditBefore).as("audit events after %d requests", sent).isEqualTo(audited);
		Reliability.record("hostile-input", Map.of("operations", operations.size(), "requests", sent, "audited",
				audited, "tablesChecked", before.size()));
	}

	static boolean permitted(String caller, String required) {
		return switch (caller) {
			case "Warden.Admin" -> true;
			case "Warden.Operator", "Warden.Reviewer" -> caller.equals(required) || "Warden.Reader".equals(required);
			case "Warden.Reader" -> "Warden.Reader".equals(required);
			default -> false;
		};
	}

	private List<Case> cases(ApiOperations api, Operation operation) {
		List<Case> cases = new ArrayList<>();
		String path = baselinePath(operation);
		String query = baselineQuery(operation);
		JsonNode sample = (operation.bodySchema() != null) ? api.sample(operation.bodySchema(), 0) : null;
		String json = "application/json";
		String validBody = (sample != null) ? sample.toString() : "";

		// path parameters
		for (Parameter parameter : operation.in("path")) {
			List<String> values = new ArrayList<>(List.of("not-a-uuid", "..", "%2e%2e%2f%2e%2e%2fetc", "%00",
					"x".repeat(2000), "%2Fsubscriptions%2F" + UUID.randomUUID() + "%2FresourceGroups%2Frg"));
			FIELD_INJECTIONS.forEach((value) -> values.add(encode(value)));
			for (String value : values) {
				String hostilePath = operation.path().replace("{" + parameter.name() + "}", value);
				cases.add(new Case("path " + parameter.name() + "=" + abbreviate(value), operation.method(),
						fill(hostilePath, operation) + query, json, validBody));
			}
		}
		// traversal on the route itself
		cases.add(new Case("traversal", operation.method(), path + "/../../../actuator/env" + query, json, validBody));
		cases.add(new Case("encoded traversal", operation.method(), path + "/%2e%2e/%2e%2e/actuator/env" + query, json,
				validBody));

		// query parameters
		for (Parameter parameter : operation.in("query")) {
			List<String> values = new ArrayList<>(List.of("not-a-uuid", "-1", "99999999999999999999", "NOT_A_VALUE",
					"x".repeat(4000), "2030-13-45T99:99:99Z", ""));
			values.addAll(FIELD_INJECTIONS);
			values.add("/subscriptions/" + UUID.randomUUID() + "/resourceGroups/rg/providers/"
					+ "Microsoft.MachineLearningServices/workspaces/../../../x");
			for (String value : values) {
				cases.add(new Case("query " + parameter.name() + "=" + abbreviate(value), operation.method(),
						path + withParam(query, parameter.name(), value), json, validBody));
			}
		}
		// paging, whether declared or not
		if (operation.method().equals("GET")) {
			for (String paging : List.of("page=-1", "size=0", "size=10000", "size=abc", "page=abc", "page=2147483648",
					"size=-5", "sort=nope", "limit=-1")) {
				cases.add(new Case("paging " + paging, "GET", path + query + (query.isEmpty() ? "?" : "&") + paging,
						json, ""));
			}
		}

		// bodies
		if (operation.contentType() != null) {
			for (String malformed : List.of("{\"a\":", "null", "", "[]", "42", "{}}", "{'a':1}", "\uFEFF{}",
					"{\"" + HUGE + "\":1}", "[".repeat(5000))) {
				if (!operation.bodyRequired()
						&& (malformed.equals("null") || malformed.isEmpty() || malformed.equals("\uFEFF{}"))) {
					// An optional body that is absent, JSON null or {} (after a byte
					// order
					// mark) asks for the defaults: a valid request.
					continue;
				}
				cases.add(new Case("body " + abbreviate(malformed), operation.method(), path + query, json, malformed));
			}
			cases.add(new Case("body over limit", operation.method(), path + query, json, OVER_LIMIT));
			for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
					"application/json; charset=ebcdic")) {
				cases.add(new Case("content type " + type, operation.method(), path + query, type, validBody));
			}
			if (sample instanceof ObjectNode object) {
				ObjectNode extra = object.deepCopy();
				extra.put("unexpectedField", "x");
				cases.add(new Case("extra field", operation.method(), path + query, json, extra.toString()));
				if (operation.bodyRequired()) {
					// An optional body's {} asks for the defaults: a valid request.
					cases.add(new Case("empty object", operation.method(), path + query, json, "{}"));
				}
				JsonNode properties = api.resolve(operation.bodySchema()).path("properties");
				for (Map.Entry<String, JsonNode> property : properties.properties()) {
					String name = property.getKey();
					JsonNode schema = api.resolve(property.getValue());
					String type = ApiOperations.type(schema);
					ObjectNode missing = object.deepCopy();
					missing.remove(name);
					cases.add(new Case("missing " + name, operation.method(), path + query, json, missing.toString()));
					for (JsonNode wrong : wrongTypes(type)) {
						ObjectNode body = object.deepCopy();
						body.set(name, wrong);
						cases.add(new Case("wrong type " + name + "=" + abbreviate(wrong.toString()),
								operation.method(), path + query, json, body.toString()));
					}
					List<String> strings = new ArrayList<>(FIELD_INJECTIONS);
					strings.addAll(List.of(HUGE, "NOT_A_VALUE", ""));
					for (String value : strings) {
						ObjectNode body = object.deepCopy();
						if (type.equals("array")) {
							body.set(name, ApiOperations.JSON.createArrayNode().add(value));
						}
						else {
							body.put(name, value);
						}
						cases.add(new Case("field " + name + "=" + abbreviate(value), operation.method(), path + query,
								json, body.toString()));
					}
				}
			}
		}
		else if (operation.mutating()) {
			cases.add(new Case("unexpected body", operation.method(), path + query, json, "{\"a\":1}"));
			cases.add(new Case("unexpected huge body", operation.method(), path + query, "text/plain", OVER_LIMIT));
		}
		return cases;
	}

	private static List<JsonNode> wrongTypes(String type) {
		var nodes = ApiOperations.JSON.getNodeFactory();
		return switch (type) {
			case "string" ->
				List.of(nodes.numberNode(123), nodes.objectNode(), nodes.arrayNode(), nodes.booleanNode(true));
			case "integer", "number" -> List.of(nodes.stringNode("abc"), nodes.numberNode(1e300),
					nodes.stringNode("99999999999999999999999"), nodes.numberNode(-1), nodes.objectNode());
			case "boolean" -> List.of(nodes.stringNode("yes"), nodes.numberNode(2));
			case "array" -> List.of(nodes.stringNode("x"), nodes.objectNode(), nodes.numberNode(1),
					nodes.arrayNode().add(nodes.objectNode()));
			default -> List.of(nodes.stringNode("x"), nodes.arrayNode(), nodes.numberNode(1));
		};
	}

	private static String baselinePath(Operation operation) {
		return fill(operation.path(), operation);
	}

	private static String fill(String path, Operation operation) {
		String filled = path;
		for (Parameter parameter : operation.in("path")) {
			filled = filled.replace("{" + parameter.name() + "}", encode(parameter.sample()));
		}
		return filled;
	}

	/**
	 * The operation's required query parameters set to their samples, e.g. {@code ?id=…}.
	 */
	static String baselineQuery(Operation operation) {
		StringBuilder query = new StringBuilder();
		for (Parameter parameter : operation.in("query")) {
			if (parameter.required()) {
				query.append(query.isEmpty() ? "?" : "&")
					.append(parameter.name())
					.append('=')
					.append(encode(parameter.sample()));
			}
		}
		return query.toString();
	}

	private static String withParam(String query, String name, String value) {
		String stripped = query.replaceAll("([?&])" + Pattern.quote(name) + "=[^&]*", "$1")
			.replace("?&", "?")
			.replace("&&", "&");
		if (stripped.equals("?")) {
			stripped = "";
		}
		return stripped + (stripped.isEmpty() ? "?" : "&") + name + "=" + encode(value);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static String abbreviate(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
	}

	private Map<String, Long> tableCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : this.jdbc.queryForList("SELECT table_name FROM information_schema.tables "
				+ "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
				+ "AND table_name NOT IN ('audit_event', 'shedlock', 'flyway_schema_history') ORDER BY table_name",
				String.class)) {
			counts.put(table, this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
		}
		return counts;
	}

	private long auditCount() {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM audit_event", Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * One hostile request.
	 */
	record Case(String description, String method, String uri, String contentType, String body) {

		/**
		 * What kind of hostility this is: the description up to the first space or
		 * {@code =}.
		 */
		String kind() {
			String[] words = this.description.split("[ =]");
			return (words.length > 1 && !this.description.startsWith("body")) ? words[0] + " " + words[1] : words[0];
		}

		@Override
		public String toString() {
			return this.method + " " + abbreviate(this.uri) + " [" + this.description + "]";
		}

	}

}
