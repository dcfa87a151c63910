package io.amlwarden.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.amlwarden.api.TransportSecurity;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How callers are authenticated.
 *
 * @param authorityHost the Entra ID authority host of the cloud (e.g.
 * {@code https://login.microsoftonline.com}); tokens must be issued by
 * {@code {authorityHost}/{tenantId}/v2.0}, whose discovery document names the signing
 * keys
 * @param tenantId the Entra tenant whose tokens are accepted
 * @param audiences accepted {@code aud} values: the API's application ID URI and/or
 * client id
 * @param additionalIssuers further accepted issuers, e.g.
 * {@code https://sts.windows.net/{tid}/} for v1.0 tokens
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param publicProbes whether health probes are reachable without a token
 * @param publicApiDocs whether {@code /v3/api-docs} and Swagger UI are reachable without
 * a token
 * @param publicMetrics whether {@code /actuator/info} and {@code /actuator/prometheus}
 * are reachable without a token (scrapers usually reach them on the management port)
 * @param maxRequestBody largest request body accepted
 * @param corsAllowedOrigins browser origins allowed to call the API; empty disables CORS
 * @param swaggerClientId the client id Swagger UI uses for its Authorize button (public
 * SPA client with PKCE); empty leaves only the pasted bearer token
 * @param allowedClientAppIds the client applications whose tokens may call the API,
 * matched against {@code azp} (v2.0 tokens) or {@code appid} (v1.0); empty accepts any
 * client the tenant lets obtain a token for this API, which is logged as a warning at
 * start-up
 */
@Validated
@ConfigurationProperties("warden.security")
public record SecurityProperties(@NotNull URI authorityHost, @NotBlank String tenantId,
		@NotEmpty List<@NotBlank String> audiences, @DefaultValue List<String> additionalIssuers,
		@DefaultValue("60s") Duration clockSkew, @DefaultValue("true") boolean publicProbes,
		@DefaultValue("true") boolean publicApiDocs, @DefaultValue("true") boolean publicMetrics,
		@DefaultValue("1MB") DataSize maxRequestBody, @DefaultValue List<String> corsAllowedOrigins,
		@DefaultValue("") String swaggerClientId, @DefaultValue List<@NotBlank String> allowedClientAppIds) {

	/**
	 * The issuer of this tenant's v2.0 tokens; its discovery document lists the signing
	 * keys.
	 * @return the issuer URI without a trailing slash
	 */
	public String issuer() {
		String host = this.authorityHost.toString();
		if (host.endsWith("/")) {
			host = host.substring(0, host.length() - 1);
		}
		return host + "/" + this.tenantId + "/v2.0";
	}

	/**
	 * Entra's OAuth 2.0 endpoint of this tenant for browser sign-in (Swagger UI, the
	 * dashboard).
	 * @param endpoint {@code authorize} or {@code token}
	 * @return e.g. {@code https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token}
	 */
	public String oauthEndpoint(String endpoint) {
		return issuer().replaceFirst("/v2\\.0$", "") + "/oauth2/v2.0/" + endpoint;
	}

	/**
	 * The scope a browser client asks for to call this API: its first audience's
	 * {@code .default}.
	 * @return e.g. {@code api://aml-warden/.default}
	 */
	public String apiScope() {
		String audience = this.audiences.get(0);
		return (audience.contains("://") ? audience : "api://" + audience) + "/.default";
	}

	/**
	 * Keys and tokens must travel over TLS; plain HTTP is tolerated only for an issuer on
	 * the loopback interface (a developer's local issuer), never across a network.
	 * @return whether the authority host is acceptable
	 */
	@AssertTrue(message = "must use https (http is allowed only for localhost)")
	public boolean isAuthorityHostSecure() {
		return this.authorityHost == null || TransportSecurity.isTlsOrLoopback(this.authorityHost);
	}

}
