package io.amlwarden.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import io.swagger.v3.oas.annotations.Operation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The API contract clients are generated from: explicit, unique, stable operation ids;
 * typed response schemas; and the committed document ({@value #COMMITTED_DOCUMENT}) equal
 * to the one the service serves.
 * <p>
 * Regenerate the committed document after a deliberate API change with
 * {@code ./mvnw test -Popenapi-update}.
 */
@WardenIntegrationTest
class ApiContractTests {

	static final String COMMITTED_DOCUMENT = "src/main/resources/openapi/aml-warden.json";

	private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

	// verb + noun, camelCase, no digits: listFindings, getWorkspacePosture, startScan
	private static final Pattern OPERATION_ID = Pattern.compile("[a-z]+(?:[A-Z][a-z]+)+");

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMapping;

	@Test
	void everyApiHandlerDeclaresItsOperationId() {
		List<String> missing = new ArrayList<>();
		Map<String, String> seen = new HashMap<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.handlerMapping.getHandlerMethods().entrySet()) {
			if (entry.getKey().getPatternValues().stream().noneMatch((pattern) -> pattern.startsWith("/api/"))) {
				continue;
			}
			HandlerMethod handler = entry.getValue();
			String name = handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName();
			Operation operation = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Operation.class);
			if (operation == null || operation.operationId().isBlank()) {
				missing.add(name);
				continue;
			}
			assertThat(operation.operationId()).as(name).matches(OPERATION_ID);
			String previous = seen.put(operation.operationId(), name);
			assertThat(previous).as("operationId " + operation.operationId() + " of " + name).isNull();
		}
		assertThat(missing).as("handlers without an explicit @Operation(operationId)").isEmpty();
		assertThat(seen).containsKeys("listFindings", "getWorkspacePosture", "startScan");
	}

	@Test
	void documentedOperationIdsAreUniqueAndUnsuffixed() {
		Set<String> ids = new HashSet<>();
		for (Map.Entry<String, JsonNode> path : served().get("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (!METHODS.contains(operation.getKey())) {
					continue;
				}
				String name = operation.getKey().toUpperCase() + " " + path.getKey();
				String id = operation.getValue().path("operationId").asString("");
				assertThat(id).as(name).matches(OPERATION_ID);
				assertThat(ids.add(id)).as("duplicate operationId " + id + " at " + name).isTrue();
			}
		}
		assertThat(ids).hasSizeGreaterThan(40);
	}

	@Test
	void responseSchemasAreTyped() {
		JsonNode document = served();
		List<String> untyped = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (!METHODS.contains(operation.getKey())) {
					continue;
				}
				for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
					for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
						String where = operation.getKey().toUpperCase() + " " + path.getKey() + " " + response.getKey()
								+ " " + media.getKey();
						SchemaWalker walker = new SchemaWalker(document, untyped);
						walker.walk(media.getValue().get("schema"), where);
					}
				}
			}
		}
		assertThat(untyped).as("untyped response schemas").isEmpty();
	}

	@Test
	void schemaWalkerCatchesUntypedSchemas() {
		JsonNode document = JSON.readTree("""
				{"components": {"schemas": {
				  "Open": {"type": "object", "additionalProperties": {}},
				  "Free": {"type": "object", "additionalProperties": true},
				  "Bare": {"type": "object"},
				  "Nothing": {},
				  "Fine": {"type": "object", "properties": {"a": {"type": "string", "enum": ["X"]}},
				           "additionalProperties": {"type": "integer"}}}}}
				""");
		for (String name : List.of("Open", "Free", "Bare", "Nothing")) {
			List<String> untyped = new ArrayList<>();
			new SchemaWalker(document, untyped).walk(JSON.readTree("{\"$ref\": \"#/components/schemas/" + name + "\"}"),
					name);
			assertThat(untyped).as(name).isNotEmpty();
		}
		List<String> untyped = new ArrayList<>();
		new SchemaWalker(document, untyped).walk(JSON.readTree("{\"$ref\": \"#/components/schemas/Fine\"}"), "Fine");
		assertThat(untyped).isEmpty();
	}

	@Test
	void documentHasServersAndExamplesForTheMainOperations() {
		JsonNode document = served();
		assertThat(document.path("servers")).isNotEmpty();
		assertThat(document.at("/servers/0/url").asString()).isEqualTo("/");
		for (String pointer : List.of("/paths/~1api~1v1~1findings/get/responses/200/content/application~1json",
				"/paths/~1api~1v1~1workspaces~1{id}~1posture/get/responses/200/content/application~1json",
				"/paths/~1api~1v1~1scans/post/requestBody/content/application~1json",
				"/paths/~1api~1v1~1scans/post/responses/202/content/application~1json")) {
			assertThat(
					document.at(pointer + "/examples").isEmpty() && document.at(pointer + "/example").isMissingNode())
				.as(pointer + " has an example")
				.isFalse();
		}
	}

	@Test
	void committedDocumentMatchesTheServedOne() throws IOException {
		ObjectNode served = normalised(served());
		Path committed = Path.of(COMMITTED_DOCUMENT);
		if (Boolean.getBoolean("warden.openapi.update")) {
			Files.createDirectories(committed.getParent());
			Files.writeString(committed, JSON.writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
		}
		assertThat(committed).as("committed OpenAPI document").exists();
		JsonNode stored = JSON.readTree(Files.readString(committed));
		if (!stored.equals(served)) {
			fail("""
					The served /v3/api-docs differs from %s (first difference at %s).
					After a deliberate API change regenerate it with
					  ./mvnw test -Popenapi-update
					and commit the file.""".formatted(COMMITTED_DOCUMENT, firstDifference(stored, served, "")));
		}
	}

	@Test
	void normalisationRemovesOnlyTheTestEnvironment() {
		String issuer = LocalTokenIssuer.shared().authorityHost();
		ObjectNode document = (ObjectNode) JSON.readTree("""
				{"info": {"version": "1.2.3", "title": "T"},
				 "components": {"securitySchemes": {"entra": {"flows": {"authorizationCode": {
				   "authorizationUrl": "%s/%s/oauth2/v2.0/authorize", "scopes": {"%s/.default": "x"}}}}}}}
				""".formatted(issuer, LocalTokenIssuer.TENANT_ID, LocalTokenIssuer.AUDIENCE));
		ObjectNode normalised = normalised(document);
		assertThat(normalised.at("/info/version").asString()).isEqualTo("current");
		assertThat(normalised.at("/info/title").asString()).isEqualTo("T");
		JsonNode code = normalised.at("/components/securitySchemes/entra/flows/authorizationCode");
		assertThat(code.path("authorizationUrl").asString())
			.isEqualTo("https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/authorize");
		assertThat(code.path("scopes").has("api://aml-warden/.default")).isTrue();
	}

	/**
	 * The served document without what belongs to this test run: the build version and
	 * the local token issuer's address, tenant and audience stand in for Entra's.
	 */
	static ObjectNode normalised(JsonNode document) {
		String text = JSON.writeValueAsString(document)
			.replace(LocalTokenIssuer.shared().authorityHost(), "https://login.microsoftonline.com")
			.replace(LocalTokenIssuer.TENANT_ID, "{tenantId}")
			.replace(LocalTokenIssuer.AUDIENCE, "api://aml-warden");
		ObjectNode normalised = (ObjectNode) JSON.readTree(text);
		((ObjectNode) normalised.get("info")).put("version", "current");
		return normalised;
	}

	private static String firstDifference(JsonNode expected, JsonNode actual, String at) {
		if (expected.isObject() && actual.isObject()) {
			Set<String> names = new HashSet<>(expected.propertyNames());
			names.addAll(actual.propertyNames());
			for (String name : names.stream().sorted().toList()) {
				JsonNode left = expected.path(name);
				JsonNode right = actual.path(name);
				if (!left.equals(right)) {
					return firstDifference(left, right, at + "/" + name.replace("~", "~0").replace("/", "~1"));
				}
			}
		}
		if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
			for (int i = 0; i < expected.size(); i++) {
				if (!expected.get(i).equals(actual.get(i))) {
					return firstDifference(expected.get(i), actual.get(i), at + "/" + i);
				}
			}
		}
		return at.isEmpty() ? "/" : at;
	}

	// Built once per context and then cached by springdoc; the first build can be slow on
	// a loaded machine, hence one fetch for all tests.
	private static JsonNode document;

	private JsonNode served() {
		if (document == null) {
			Response response = new Http(this.port).get("/v3/api-docs");
			assertThat(response.status()).isEqualTo(200);
			document = response.json();
		}
		return document;
	}

	/**
	 * Follows a schema through {@code $ref}, properties, items, compositions and map
	 * values, collecting every place a client generator would have to fall back to an
	 * untyped value.
	 */
	private static final class SchemaWalker {

		private final JsonNode document;

		private final List<String> untyped;

		private final Set<String> visited = new HashSet<>();

		SchemaWalker(JsonNode document, List<String> untyped) {
			this.document = document;
			this.untyped = untyped;
		}

		void walk(JsonNode schema, String where) {
			if (schema == null || schema.isMissingNode()) {
				this.untyped.add(where + ": no schema");
				return;
			}
			if (schema.has("$ref")) {
				String ref = schema.get("$ref").asString();
				if (this.visited.add(ref)) {
					JsonNode target = this.document.at(ref.substring(1));
					walk(target, ref);
				}
				return;
			}
			for (String composition : List.of("allOf", "oneOf", "anyOf")) {
				if (schema.has(composition)) {
					int i = 0;
					for (JsonNode part : schema.get(composition)) {
						walk(part, where + "/" + composition + "/" + i++);
					}
					return;
				}
			}
			String type = schema.path("type").asString("");
			if (type.isEmpty() && schema.path("type").isArray()) {
				type = schema.get("type").get(0).asString();
			}
			switch (type) {
				case "" -> this.untyped.add(where + ": no type");
				case "array" -> walk(schema.get("items"), where + "[]");
				case "object" -> walkObject(schema, where);
				default -> {
					// string, integer, number, boolean: typed
				}
			}
		}

		private void walkObject(JsonNode schema, String where) {
			JsonNode additional = schema.get("additionalProperties");
			boolean hasProperties = schema.path("properties").size() > 0;
			if (additional != null && (additional.isBoolean() || additional.isEmpty())) {
				if (!additional.isBoolean() || additional.asBoolean()) {
					this.untyped.add(where + ": additionalProperties without a schema");
				}
			}
			else if (additional != null) {
				walk(additional, where + "{*}");
			}
			else if (!hasProperties) {
				this.untyped.add(where + ": object without properties");
			}
			for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
				walk(property.getValue(), where + "." + property.getKey());
			}
		}

	}

}
