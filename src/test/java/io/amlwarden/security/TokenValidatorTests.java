package io.amlwarden.security;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim rules on their own, without signatures or HTTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenValidatorTests {

	private static final SecurityProperties PROPERTIES = new SecurityProperties(
			URI.create("https://login.microsoftonline.com"), "tenant-1", List.of("api://warden"), List.of(),
			Duration.ofSeconds(60), true, true, true, DataSize.ofMegabytes(1), List.of(), "", List.of());

	private final OAuth2TokenValidator<Jwt> validator = SecurityConfiguration.tokenValidator(PROPERTIES);

	@Test
	void acceptsAValidToken() {
		assertThat(validate(jwt().build()).hasErrors()).isFalse();
	}

	@Test
	void toleratesExpiryWithinTheSkew() {
		Instant now = Instant.now();
		OAuth2TokenValidatorResult result = validate(jwt().issuedAt(now.minusSeconds(600))
			.notBefore(now.minusSeconds(600))
			.expiresAt(now.minusSeconds(20))
			.build());
		assertThat(result.getErrors()).isEmpty();
	}

	@Test
	void rejectsExpiryBeyondTheSkew() {
		Instant now = Instant.now();
		assertThat(validate(jwt().issuedAt(now.minusSeconds(900))
			.notBefore(now.minusSeconds(900))
			.expiresAt(now.minusSeconds(120))
			.build()).hasErrors()).isTrue();
	}

	@Test
	void rejectsWrongAudienceAndIssuer() {
		assertThat(validate(jwt().audience(List.of("api://other")).build()).hasErrors()).isTrue();
		assertThat(validate(jwt().issuer("https://login.microsoftonline.com/other/v2.0").build()).hasErrors()).isTrue();
	}

	@Test
	void acceptsAnyConfiguredAudience() {
		assertThat(validate(jwt().audience(List.of("something-else", "api://warden")).build()).hasErrors()).isFalse();
	}

	@Test
	void issuerIsDerivedFromAuthorityAndTenant() {
		assertThat(PROPERTIES.issuer()).isEqualTo("https://login.microsoftonline.com/tenant-1/v2.0");
	}

	@Test
	void plainHttpAuthorityIsAllowedOnlyOnLoopback() {
		assertThat(withAuthority("http://127.0.0.1:9000").isAuthorityHostSecure()).isTrue();
		assertThat(withAuthority("http://localhost:9000").isAuthorityHostSecure()).isTrue();
		assertThat(withAuthority("http://login.example.com").isAuthorityHostSecure()).isFalse();
		assertThat(withAuthority("https://login.example.com").isAuthorityHostSecure()).isTrue();
	}

	private static SecurityProperties withAuthority(String authority) {
		return new SecurityProperties(URI.create(authority), "t", List.of("a"), List.of(), Duration.ZERO, true, true,
				true, DataSize.ofMegabytes(1), List.of(), "", List.of());
	}

	@Test
	void onlyAllowedClientApplicationsMayCallWhenAnAllowListIsSet() {
		SecurityProperties restricted = new SecurityProperties(URI.create("https://login.microsoftonline.com"),
				"tenant-1", List.of("api://warden"), List.of(), Duration.ofSeconds(60), true, true, true,
				DataSize.ofMegabytes(1), List.of(), "", List.of("11111111-1111-1111-1111-111111111111"));
		OAuth2TokenValidator<Jwt> validator = SecurityConfiguration.tokenValidator(restricted);

		assertThat(validator.validate(jwt().claim("azp", "11111111-1111-1111-1111-111111111111").build()).hasErrors())
			.isFalse();
		// v1.0 tokens name the client in appid
		assertThat(validator.validate(jwt().claim("appid", "11111111-1111-1111-1111-111111111111").build()).hasErrors())
			.isFalse();
		OAuth2TokenValidatorResult other = validator
			.validate(jwt().claim("azp", "22222222-2222-2222-2222-222222222222").build());
		assertThat(other.getErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getDescription()).contains("calling application is not allowed"));
		assertThat(validator.validate(jwt().build()).hasErrors()).as("no client claim at all").isTrue();
		// Without a list, any client is accepted (and the start-up log says so).
		assertThat(validate(jwt().claim("azp", "22222222-2222-2222-2222-222222222222").build()).hasErrors()).isFalse();
	}

	@Test
	void anEmptyClientAllowListIsAWarningAtStartUp(CapturedOutput output) {
		SecurityConfiguration.warnIfAnyClientMayCall(PROPERTIES);
		assertThat(output).contains("WARN").contains("warden.security.allowed-client-app-ids is empty");
	}

	private OAuth2TokenValidatorResult validate(Jwt jwt) {
		return this.validator.validate(jwt);
	}

	private static Jwt.Builder jwt() {
		Instant now = Instant.now();
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.issuer(PROPERTIES.issuer())
			.audience(List.of("api://warden"))
			.subject("user")
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plusSeconds(3600));
	}

}
