package io.amlwarden.security;

import java.util.UUID;

import io.amlwarden.support.Http;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens must never reach the logs, even with security and web logging at DEBUG.
 */
@WardenIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "logging.level.org.springframework.security=DEBUG",
		"logging.level.org.springframework.web=DEBUG", "logging.level.io.amlwarden=DEBUG" })
class TokenNeverLoggedTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Test
	void bearerTokensDoNotAppearInLogs(CapturedOutput output) {
		Http http = new Http(this.port);
		String valid = this.issuer.token(UUID.randomUUID().toString(), "Warden.Admin");
		String noRole = this.issuer.token(UUID.randomUUID().toString(), "Other");
		String unknownKey = this.issuer
			.signWithUnknownKey(this.issuer.claims("x", java.util.List.of("Warden.Admin")).build());
		String requestId = "log-check-" + UUID.randomUUID();
		http.get("/api/v1/audit-events", "Authorization", "Bearer " + valid, "X-Request-Id", requestId);
		http.get("/api/v1/audit-events", Http.bearer(noRole));
		http.get("/api/v1/audit-events", Http.bearer(unknownKey));
		http.post("/api/v1/audit-events", "application/json", "{\"token\":\"" + valid + "\"}", Http.bearer(valid));

		assertThat(output.getAll()).as("something was logged").isNotEmpty();
		for (String token : new String[] { valid, noRole, unknownKey }) {
			// The signature is the secret part; the payload alone is not a credential but
			// is checked too.
			String[] parts = token.split("\\.");
			assertThat(output.getAll()).doesNotContain(parts[2]).doesNotContain(parts[1]);
		}
		// and the log lines of a request carry its correlation id
		assertThat(output.getAll()).contains("[" + requestId + "]");
	}

}
