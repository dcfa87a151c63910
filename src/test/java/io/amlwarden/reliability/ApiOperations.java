package io.amlwarden.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations of the service's own OpenAPI document, with what a test needs to call
 * each one: its role, parameters and a sample body built from the request schema.
 */
final class ApiOperations {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final JsonNode document;

	private ApiOperations(JsonNode document) {
		this.document = document;
	}

	static ApiOperations of(JsonNode document) {
		return new ApiOperations(document);
	}

	/**
	 * Every operation whose path starts with {@code /api}.
	 * @return the operations, in document order
	 */
	List<Operation> all() {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.document.get("paths").properties()) {
			if (!path.getKey().startsWith("/api")) {
				continue;
			}
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				if (!List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
					continue;
				}
				JsonNode op = method.getValue();
				List<Parameter> parameters = new ArrayList<>();
				for (JsonNode parameter : op.path("parameters")) {
					JsonNode resolved = resolve(parameter);
					parameters.add(new Parameter(resolved.get("name").asString(), resolved.get("in").asString(),
							resolve(resolved.path("schema")), resolved.path("required").asBoolean(false)));
				}
				String contentType = null;
				JsonNode schema = null;
				JsonNode content = op.path("requestBody").path("content");
				if (!content.isMissingNode() && !content.isEmpty()) {
					Map.Entry<String, JsonNode> first = content.properties().iterator().next();
					contentType = first.getKey();
					schema = resolve(first.getValue().path("schema"));
				}
				operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
						op.path("x-required-role").asString(null), parameters, contentType, schema,
						op.path("requestBody").path("required").asBoolean(false)));
			}
		}
		return operations;
	}

	/**
	 * Follows {@code $ref} and merges {@code allOf}.
	 */
	JsonNode resolve(JsonNode schema) {
		if (schema == null || schema.isMissingNode()) {
			return JSON.createObjectNode();
		}
		if (schema.has("$ref")) {
			String ref = schema.get("$ref").asString();
			JsonNode target = this.document.at(ref.substring(1));
			return resolve(target);
		}
		if (schema.has("allOf")) {
			ObjectNode merged = JSON.createObjectNode();
			ObjectNode properties = merged.putObject("properties");
			ArrayNode required = merged.putArray("required");
			merged.put("type", "object");
			for (JsonNode part : schema.get("allOf")) {
				JsonNode resolved = resolve(part);
				resolved.path("properties").properties().forEach((e) -> properties.set(e.getKey(), e.getValue()));
				resolved.path("required").forEach(required::add);
			}
			return merged;
		}
		return schema;
	}

	/**
	 * A plausible value for a schema: what a well-behaved client would send.
	 */
	JsonNode sample(JsonNode raw, int depth) {
		JsonNode schema = resolve(raw);
		if (schema.has("enum")) {
			return schema.get("enum").get(0);
		}
		String type = type(schema);
		String format = schema.path("format").asString("");
		switch (type) {
			case "object": {
				ObjectNode node = JSON.createObjectNode();
				if (depth < 4) {
					schema.path("properties")
						.properties()
						.forEach((e) -> node.set(e.getKey(), sample(e.getValue(), depth + 1)));
				}
				return node;
			}
			case "array": {
				ArrayNode array = JSON.createArrayNode();
				if (depth < 4) {
					array.add(sample(schema.path("items"), depth + 1));
				}
				return array;
			}
			case "integer":
				return JSON.getNodeFactory().numberNode(1);
			case "number":
				return JSON.getNodeFactory().numberNode(1.5);
			case "boolean":
				return JSON.getNodeFactory().booleanNode(true);
			default:
				return JSON.getNodeFactory().stringNode(sampleString(format));
		}
	}

	static String sampleString(String format) {
		return switch (format) {
			case "uuid" -> UUID.randomUUID().toString();
			case "date-time" -> "2030-01-01T00:00:00Z";
			case "date" -> "2030-01-01";
			case "duration" -> "P30D";
			default -> "sample";
		};
	}

	static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode t : type) {
				if (!"null".equals(t.asString())) {
					return t.asString();
				}
			}
		}
		if (type.isString()) {
			return type.asString();
		}
		if (schema.has("properties")) {
			return "object";
		}
		if (schema.has("items")) {
			return "array";
		}
		return "string";
	}

	/**
	 * One operation of the document.
	 *
	 * @param method HTTP method
	 * @param path path template
	 * @param requiredRole the {@code x-required-role} app role
	 * @param parameters path and query parameters
	 * @param contentType the request body's media type, or null without a body
	 * @param bodySchema the resolved request body schema, or null
	 * @param bodyRequired whether a request must carry a body (an optional body may be
	 * {@code null} or {@code {}}, meaning "the defaults")
	 */
	record Operation(String method, String path, String requiredRole, List<Parameter> parameters, String contentType,
			JsonNode bodySchema, boolean bodyRequired) {

		boolean mutating() {
			return !this.method.equals("GET");
		}

		List<Parameter> in(String where) {
			return this.parameters.stream().filter((p) -> p.in().equals(where)).toList();
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/**
	 * One parameter.
	 *
	 * @param name its name
	 * @param in {@code path}, {@code query} or {@code header}
	 * @param schema resolved schema
	 * @param required whether it is required
	 */
	record Parameter(String name, String in, JsonNode schema, boolean required) {

		String format() {
			return this.schema.path("format").asString("");
		}

		String type() {
			return ApiOperations.type(this.schema);
		}

		/**
		 * A well-formed value.
		 */
		String sample() {
			if (this.schema.has("enum")) {
				return this.schema.get("enum").get(0).asString();
			}
			return switch (type()) {
				case "integer", "number" -> "1";
				case "boolean" -> "true";
				case "array" -> {
					JsonNode items = this.schema.path("items");
					yield items.has("enum") ? items.get("enum").get(0).asString()
							: sampleString(items.path("format").asString(""));
				}
				default -> "uuid".equals(format()) ? UUID.randomUUID().toString()
						: ("id".equals(this.name) ? "no-such-thing" : sampleString(format()));
			};
		}

	}

}
