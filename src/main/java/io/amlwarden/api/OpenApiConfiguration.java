package io.amlwarden.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The frame of the OpenAPI document: what the API is, its conventions (each module tags
 * its own operations). Security schemes and per-operation roles are added by the security
 * module.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String DESCRIPTION = """
			AML Warden audits the security posture of Azure Machine Learning workspaces together with the \
			resources they depend on, rotates their customer-managed keys and reviews RBAC access.

			**Conventions.** JSON under `/api/v1`. Every operation needs an Entra ID bearer token carrying one \
			of the app roles `Warden.Reader`, `Warden.Operator`, `Warden.Reviewer`, `Warden.Admin`; each \
			operation names the least role it requires (`x-required-role`). Admin implies every role; Operator \
			and Reviewer imply Reader. Errors are RFC 9457 `application/problem+json` with a stable `type` URI \
			(`urn:aml-warden:problem:<kind>`), a `correlationId`, and for validation errors an `errors` array \
			naming each invalid field. Lists take `page` (zero-based) and `size` (1-200, default 50) and answer \
			`{items, page, size, totalItems, totalPages}` in a stable order. Times are ISO-8601 UTC \
			(`2026-01-31T12:00:00Z`). Send `X-Request-Id` (or a W3C `traceparent`) to choose the correlation id; \
			it is echoed in `X-Request-Id`.""";

	@Bean
	OpenAPI wardenOpenApi(ObjectProvider<BuildProperties> build) {
		String version = build.getIfAvailable() != null ? build.getIfAvailable().getVersion() : "dev";
		return new OpenAPI()
			.info(new Info().title("AML Warden API")
				.version(version)
				.description(DESCRIPTION)
				.license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
			// Relative, so the document stays true behind any host name or ingress path;
			// a generated client is given its base URL when it is built.
			.addServersItem(new Server().url("/").description("The AML Warden instance serving this document"));
	}

}
