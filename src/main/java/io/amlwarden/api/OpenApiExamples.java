package io.amlwarden.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Adds worked examples to the main operations of the OpenAPI document. Each example is a
 * JSON file next to the committed document
 * ({@code openapi/examples/<operationId>.request.json} and {@code .response.json}), so
 * examples are reviewed as data and need no annotations in the controllers.
 */
@Component
class OpenApiExamples implements GlobalOpenApiCustomizer {

	private static final String JSON = "application/json";

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().values().forEach((path) -> path.readOperations().forEach(this::addExamples));
	}

	private void addExamples(Operation operation) {
		String id = operation.getOperationId();
		if (id == null) {
			return;
		}
		Object request = example(id + ".request.json");
		if (request != null && operation.getRequestBody() != null) {
			setExample(operation.getRequestBody().getContent(), request);
		}
		Object response = example(id + ".response.json");
		if (response != null && operation.getResponses() != null) {
			for (String status : new String[] { "200", "201", "202" }) {
				ApiResponse success = operation.getResponses().get(status);
				if (success != null) {
					setExample(success.getContent(), response);
					break;
				}
			}
		}
	}

	private static void setExample(@Nullable Content content, Object example) {
		MediaType media = (content != null) ? content.get(JSON) : null;
		if (media != null) {
			media.setExample(example);
		}
	}

	// Read as plain maps and lists: the document is written by swagger-core's own mapper.
	private @Nullable Object example(String name) {
		ClassPathResource resource = new ClassPathResource("openapi/examples/" + name);
		if (!resource.exists()) {
			return null;
		}
		try (InputStream in = resource.getInputStream()) {
			return this.json.readValue(in, Map.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
