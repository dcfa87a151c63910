package io.amlwarden.security;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token validation end to end: real tokens from the local issuer, real HTTP.
 */
@WardenIntegrationTest
class SecurityIntegrationTests {

	private static final String AUDIT = "/api/v1/audit-events";

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void noTokenIsUnauthorizedProblemWithBearerChallenge() {
		Response response = this.http.get(AUDIT);
		assertUnauthorized(response);
		assertThat(response.json().get("detail").asString()).isEqualTo("A bearer token is required");
	}

	@Test
	void readerTokenIsAccepted() {
		Response response = this.http.get(AUDIT, Http.bearer(this.issuer.token(user(), "Warden.Reader")));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().has("items")).isTrue();
	}

	@Test
	void everyWardenRoleImpliesReader() {
		for (String role : List.of("Warden.Operator", "Warden.Reviewer", "Warden.Admin")) {
			Response response = this.http.get(AUDIT, Http.bearer(this.issuer.token(user(), role)));
			assertThat(response.status()).as(role).isEqualTo(200);
		}
	}

	@Test
	void tokenWithoutWardenRoleIsForbidden() {
		Response response = this.http.get(AUDIT, Http.bearer(this.issuer.token(user(), "Some.Other.Role")));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("urn:aml-warden:problem:forbidden");
	}

	@Test
	void expiredTokenIsRejected() {
		Instant past = Instant.now().minusSeconds(3600);
		JWTClaimsSet claims = new JWTClaimsSet.Builder(this.issuer.claims(user(), List.of("Warden.Admin")).build())
			.issueTime(Date.from(past.minusSeconds(3600)))
			.notBeforeTime(Date.from(past.minusSeconds(3600)))
			.expirationTime(Date.from(past))
			.build();
		assertUnauthorized(this.http.get(AUDIT, Http.bearer(this.issuer.sign(claims))));
	}

	@Test
	void tokenWithinClockSkewIsAccepted() {
		// Expired 20 s ago: inside the 60 s skew, so still valid.
		Instant issued = Instant.now().minusSeconds(600);
		JWTClaimsSet claims = new JWTClaimsSet.Builder(this.issuer.claims(user(), List.of("Warden.Reader")).build())
			.issueTime(Date.from(issued))
			.notBeforeTime(Date.from(issued))
			.expirationTime(Date.from(Instant.now().minusSeconds(20)))
			.build();
		assertThat(this.http.get(AUDIT, Http.bearer(this.issuer.sign(claims))).status()).isEqualTo(200);
	}

	@Test
	void notYetValidTokenIsRejected() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder(this.issuer.claims(user(), List.of("Warden.Admin")).build())
			.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))
			.build();
		assertUnauthorized(this.http.get(AUDIT, Http.bearer(this.issuer.sign(claims))));
	}

	@Test
	void tokenWithoutExpiryIsRejected() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder(this.issuer.claims(user(), List.of("Warden.Admin")).build())
			.expirationTime(null)
			.build();
		assertUnauthorized(this.http.get(AUDIT, Http.bearer(this.issuer.sign(claims))));
	}

	@Test
	void wrongAudienceIsRejected() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder(this.issuer.claims(user(), List.of("Warden.Admin")).build())
			.audience("api://some-other-api")
			.build();
		assertUnauthorized(this.http.get(AUDIT, Http.bearer(this.issuer.sign(claims))));
	}

	@Test
	void wrongIssuerIsRejected() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder(this.issuer.claims(user(), List.of("Warden.Admin")).build())
			.issuer("https://login.microsoftonline.com/" + UUID.randomUUID() + "/v2.0")
			.build();
		assertUnauthorized(this.http.get(AUDIT, Http.bearer(this.issuer.sign(claims))));
	}

	@Test
	void unknownSigningKeyIsRejected() {
		JWTClaimsSet claims = this.issuer.claims(user(), List.of("Warden.Admin")).build();
		assertUnauthorized(this.http.get(AUDIT, Http.bearer(this.issuer.signWithUnknownKey(claims))));
	}

	@Test
	void unsignedTokenIsRejected() {
		JWTClaimsSet claims = this.issuer.claims(user(), List.of("Warden.Admin")).build();
		assertUnauthorized(this.http.get(AUDIT, Http.bearer(LocalTokenIssuer.unsigned(claims))));
	}

	@Test
	void garbageTokenIsRejected() {
		assertUnauthorized(this.http.get(AUDIT, Http.bearer("not-a-jwt")));
		assertUnauthorized(this.http.get(AUDIT, "Authorization", "Basic dXNlcjpwYXNz"));
	}

	@Test
	void probesAndApiDocsAreOpenButOtherActuatorEndpointsAreNotExposed() {
		assertThat(this.http.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(this.http.get("/v3/api-docs").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/prometheus").status()).isEqualTo(200);
		String admin = this.issuer.token(user(), "Warden.Admin");
		for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
				"/actuator/loggers")) {
			assertThat(this.http.get(hidden, Http.bearer(admin)).status()).as(hidden).isEqualTo(404);
		}
	}

	@Test
	void securityHeadersAreSet() {
		Response response = this.http.get(AUDIT, Http.bearer(this.issuer.token(user(), "Warden.Reader")));
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'")
			.contains("default-src 'self'");
		// Plain HTTP: HSTS must not be sent (browsers ignore it there and it would be a
		// lie).
		assertThat(response.header("Strict-Transport-Security")).isNull();
		assertThat(response.header("Set-Cookie")).isNull();
	}

	@Test
	void corsIsOffByDefault() {
		Response response = this.http.get(AUDIT, "Authorization",
				"Bearer " + this.issuer.token(user(), "Warden.Reader"), "Origin", "https://evil.example");
		assertThat(response.header("Access-Control-Allow-Origin")).isNull();
	}

	private static void assertUnauthorized(Response response) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.json().get("type").asString()).isEqualTo("urn:aml-warden:problem:unauthorized");
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
	}

	private static String user() {
		return UUID.randomUUID().toString();
	}

}
