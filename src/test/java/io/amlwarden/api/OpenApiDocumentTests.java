package io.amlwarden.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document describes every {@code /api} operation with its required role and
 * security schemes, and Swagger UI is served.
 */
@WardenIntegrationTest
class OpenApiDocumentTests {

	private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

	private static final Set<String> ROLES = Set.of("Warden.Reader", "Warden.Operator", "Warden.Reviewer",
			"Warden.Admin");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMapping;

	@Test
	void documentIsOpenApi3WithSecuritySchemes() {
		JsonNode doc = apiDocs();
		assertThat(doc.get("openapi").asString()).startsWith("3.");
		assertThat(doc.at("/info/title").asString()).isEqualTo("AML Warden API");
		JsonNode schemes = doc.at("/components/securitySchemes");
		assertThat(schemes.at("/entra/type").asString()).isEqualTo("oauth2");
		assertThat(schemes.at("/entra/flows/authorizationCode/authorizationUrl").asString())
			.endsWith("/oauth2/v2.0/authorize");
		assertThat(schemes.at("/bearer/scheme").asString()).isEqualTo("bearer");
	}

	@Test
	void everyApiOperationNamesItsRequiredRoleAndProblemResponses() {
		JsonNode paths = apiDocs().get("paths");
		List<String> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			if (!path.getKey().startsWith("/api/")) {
				continue;
			}
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (!METHODS.contains(operation.getKey())) {
					continue;
				}
				String name = operation.getKey().toUpperCase() + " " + path.getKey();
				operations.add(name);
				JsonNode op = operation.getValue();
				assertThat(op.path("x-required-role").asString()).as(name).isIn(ROLES);
				assertThat(op.path("security").isArray()).as(name).isTrue();
				assertThat(op.at("/responses/401/content").has("application/problem+json")).as(name).isTrue();
				assertThat(op.at("/responses/403/content").has("application/problem+json")).as(name).isTrue();
			}
		}
		assertThat(operations).contains("GET /api/v1/audit-events");
	}

	@Test
	void everyApiHandlerIsInTheDocument() {
		JsonNode paths = apiDocs().get("paths");
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.handlerMapping.getHandlerMethods().entrySet()) {
			for (String pattern : entry.getKey().getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					assertThat(paths.has(pattern)).as(pattern + " documented").isTrue();
				}
			}
		}
	}

	@Test
	void swaggerUiLoads() {
		Http http = new Http(this.port);
		Response redirect = http.get("/swagger-ui.html");
		assertThat(redirect.status()).isIn(200, 302);
		Response page = http.get("/swagger-ui/index.html");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui");
		Response initializer = http.get("/swagger-ui/swagger-initializer.js");
		assertThat(initializer.status()).isEqualTo(200);
	}

	private JsonNode apiDocs() {
		Response response = new Http(this.port).get("/v3/api-docs");
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

}
