package io.amlwarden.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies each distinct bearer token's signature once, then reuses the decoded token for
 * at most {@code maxAge} (and never past its expiry), re-running the claim validators
 * (lifetime, issuer, audience) on every use. A client sends the same access token with
 * every request until it expires; parsing it and checking its RS256 signature again each
 * time was the largest single cost of an API read on the load benchmark
 * (docs/benchmarks.md).
 * <p>
 * Only tokens the delegate accepted are kept, keyed by the whole token text. The cost of
 * the reuse: a token signed by a key that Entra withdraws from its key set stays accepted
 * for up to {@code maxAge} longer (access tokens themselves cannot be revoked before they
 * expire). The map is bounded; when full it is emptied rather than evicting one by one.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Clock clock;

	private final Duration maxAge;

	private final int maxEntries;

	private final ConcurrentHashMap<String, Entry> decoded = new ConcurrentHashMap<>();

	CachingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, Clock clock, Duration maxAge,
			int maxEntries) {
		this.delegate = delegate;
		this.validator = validator;
		this.clock = clock;
		this.maxAge = maxAge;
		this.maxEntries = maxEntries;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = this.clock.instant();
		Entry entry = this.decoded.get(token);
		if (entry != null) {
			if (now.isBefore(entry.reuseUntil()) && !this.validator.validate(entry.jwt()).hasErrors()) {
				return entry.jwt();
			}
			// Stale or no longer valid: the delegate decides, and throws its own error.
			this.decoded.remove(token, entry);
		}
		Jwt jwt = this.delegate.decode(token);
		Instant until = now.plus(this.maxAge);
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
			until = jwt.getExpiresAt();
		}
		if (this.decoded.size() >= this.maxEntries) {
			this.decoded.clear();
		}
		this.decoded.put(token, new Entry(jwt, until));
		return jwt;
	}

	int size() {
		return this.decoded.size();
	}

	private record Entry(Jwt jwt, Instant reuseUntil) {
	}

}
