package io.amlwarden.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Puts authentication into the OpenAPI document: an Entra ID OAuth2 scheme (authorization
 * code with PKCE, so Swagger UI's Authorize button signs in with Entra) and a plain
 * bearer scheme (for a pasted token), and on every operation the Warden role it requires
 * plus its 401/403 answers.
 */
@Component
class OpenApiSecurityCustomizer implements GlobalOpenApiCustomizer, GlobalOperationCustomizer {

	static final String ENTRA_SCHEME = "entra";

	static final String BEARER_SCHEME = "bearer";

	/** Extension naming the least Warden role an operation requires. */
	static final String REQUIRED_ROLE_EXTENSION = "x-required-role";

	private final SecurityProperties properties;

	OpenApiSecurityCustomizer(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customise(OpenAPI openApi) {
		String scope = this.properties.apiScope();
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		openApi.getComponents()
			.addSecuritySchemes(ENTRA_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
						.description("Entra ID sign-in (authorization code with PKCE)")
						.flows(new OAuthFlows().authorizationCode(
								new OAuthFlow().authorizationUrl(this.properties.oauthEndpoint("authorize"))
									.tokenUrl(this.properties.oauthEndpoint("token"))
									.scopes(new Scopes().addString(scope, "Call AML Warden as the signed-in user")))))
			.addSecuritySchemes(BEARER_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An Entra ID access token for this API, pasted as is"));
		openApi.getComponents()
			.addSchemas("Problem", typed("object").description("RFC 9457 problem details")
				.addProperty("type", typed("string").format("uri"))
				.addProperty("title", typed("string"))
				.addProperty("status", typed("integer"))
				.addProperty("detail", typed("string"))
				.addProperty("instance", typed("string"))
				.addProperty("correlationId", typed("string"))
				.addProperty("errors", typed("array").items(typed("object").addProperty("field", typed("string"))
					.addProperty("message", typed("string")))));
	}

	// The document is OpenAPI 3.1, whose schemas carry a set of types; a schema built
	// with type(String) alone would be written without any type.
	private static Schema<?> typed(String type) {
		return new Schema<>().types(Set.of(type));
	}

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		RequiresRole required = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getMethod(),
				RequiresRole.class);
		if (required == null) {
			required = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getBeanType(), RequiresRole.class);
		}
		if (required == null) {
			return operation;
		}
		WardenRole role = required.value();
		operation.addExtension(REQUIRED_ROLE_EXTENSION, role.appRole());
		String note = "Requires role `" + role.appRole() + "` (or a role that implies it).";
		operation
			.setDescription((operation.getDescription() == null) ? note : operation.getDescription() + "\n\n" + note);
		operation.setSecurity(List.of(new SecurityRequirement().addList(ENTRA_SCHEME),
				new SecurityRequirement().addList(BEARER_SCHEME)));
		Content problem = new Content().addMediaType("application/problem+json",
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
		Map.of("401", "No valid bearer token", "403", "The token lacks the required role")
			.forEach((status, description) -> operation.getResponses()
				.addApiResponse(status, new ApiResponse().description(description).content(problem)));
		return operation;
	}

}
