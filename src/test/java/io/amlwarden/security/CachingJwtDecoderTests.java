package io.amlwarden.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The caching decoder verifies a token once, reuses it only while it is fresh and its
 * claims still validate, and never keeps a token the delegate refused.
 */
class CachingJwtDecoderTests {

	private static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

	private final AtomicInteger delegateCalls = new AtomicInteger();

	private Instant now = T0;

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return CachingJwtDecoderTests.this.now;
		}

	};

	// Accepts tokens "good-<expiry seconds after T0>"; refuses anything else.
	private final JwtDecoder delegate = (token) -> {
		this.delegateCalls.incrementAndGet();
		if (!token.startsWith("good-")) {
			throw new BadJwtException("bad signature");
		}
		if (!this.now.isBefore(expiry(token))) {
			throw new BadJwtException("expired");
		}
		return jwt(token);
	};

	private final OAuth2TokenValidator<Jwt> validator = (jwt) -> this.now.isBefore(jwt.getExpiresAt())
			? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(new OAuth2Error("expired"));

	private final CachingJwtDecoder decoder = new CachingJwtDecoder(this.delegate, this.validator, this.clock,
			Duration.ofMinutes(1), 3);

	@Test
	void verifiesATokenOnceWhileFresh() {
		Jwt first = this.decoder.decode("good-3600");
		this.now = T0.plusSeconds(59);
		assertThat(this.decoder.decode("good-3600")).isSameAs(first);
		assertThat(this.delegateCalls).hasValue(1);
		// After maxAge the signature is verified again.
		this.now = T0.plusSeconds(61);
		assertThat(this.decoder.decode("good-3600").getTokenValue()).isEqualTo("good-3600");
		assertThat(this.delegateCalls).hasValue(2);
	}

	@Test
	void neverReusesAnExpiredToken() {
		this.decoder.decode("good-30");
		this.now = T0.plusSeconds(30);
		assertThatThrownBy(() -> this.decoder.decode("good-30")).isInstanceOf(BadJwtException.class)
			.hasMessage("expired");
		assertThat(this.delegateCalls).hasValue(2);
	}

	@Test
	void neverKeepsARefusedTokenAndStaysBounded() {
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> this.decoder.decode("forged")).isInstanceOf(BadJwtException.class);
		}
		assertThat(this.delegateCalls).hasValue(2);
		assertThat(this.decoder.size()).isZero();
		for (int i = 0; i < 5; i++) {
			this.decoder.decode("good-" + (3600 + i));
		}
		assertThat(this.decoder.size()).isLessThanOrEqualTo(3);
	}

	private static Instant expiry(String token) {
		return T0.plusSeconds(Long.parseLong(token.substring("good-".length())));
	}

	private static Jwt jwt(String token) {
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("user")
			.issuedAt(T0.minusSeconds(1))
			.expiresAt(expiry(token))
			.build();
	}

}
