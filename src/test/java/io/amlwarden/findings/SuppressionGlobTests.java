package io.amlwarden.findings;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Suppression name globs: the usual semantics, and work that grows with the name, not
 * exponentially with the stars (a backtracking regular expression never finishes on the
 * hostile case below).
 */
class SuppressionGlobTests {

	private static final String CHECK = "ws-public-network";

	@Test
	void starAndQuestionMarkMatchCaseInsensitively() {
		assertThat(matches("ws-*", "WS-Prod")).isTrue();
		assertThat(matches("ws-?rod", "ws-prod")).isTrue();
		assertThat(matches("ws-?rod", "ws-pprod")).isFalse();
		assertThat(matches("*prod", "ws-prod")).isTrue();
		assertThat(matches("*prod", "ws-prod-2")).isFalse();
		assertThat(matches("a*b*c", "abc")).isTrue();
		assertThat(matches("a*b*c", "axxbyyc")).isTrue();
		assertThat(matches("a*b*c", "axxcyyb")).isFalse();
		assertThat(matches("ws-prod", "ws-prod")).isTrue();
		assertThat(matches("ws-prod", "ws-prod2")).isFalse();
		assertThat(matches("*", "")).isTrue();
		assertThat(matches("?", "")).isFalse();
		// Regular-expression characters are literal.
		assertThat(matches("ws.(prod)+", "ws.(prod)+")).isTrue();
		assertThat(matches("ws.(prod)+", "wsx(prod)")).isFalse();
	}

	@Test
	void fiftyStarsAgainstATwoHundredCharacterNameTakeLinearWork() {
		String hostile = "*".repeat(50) + "x";
		String name = "a".repeat(200);
		String alternating = "a*".repeat(50) + "b";
		// The loose wall-clock bound the issue asks for; the step counts below are the
		// real assertion, as timings on a shared machine vary.
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
			long started = System.nanoTime();
			assertThat(matches(hostile, name)).isFalse();
			assertThat(matches(alternating, name)).isFalse();
			assertThat(matches("*".repeat(50), name)).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(10));
		});
		assertThat(NameGlob.compile(hostile).steps(name)).isLessThanOrEqualTo(name.length() + hostile.length());
		assertThat(NameGlob.compile(alternating).steps(name)).isLessThanOrEqualTo(name.length() + alternating.length());
		// Doubling the name doubles the work at most, for a pattern that must search.
		String searching = "*ab*ab*ab*";
		long short_ = NameGlob.compile(searching).steps("a".repeat(200) + "ababab");
		long long_ = NameGlob.compile(searching).steps("a".repeat(400) + "ababab");
		assertThat(long_).isLessThanOrEqualTo(2 * short_ + searching.length());
	}

	private static boolean matches(String glob, String name) {
		return SuppressionMatcher.Rule.of(UUID.randomUUID(), null, CHECK, null, glob).matches(CHECK, "/x", name);
	}

}
