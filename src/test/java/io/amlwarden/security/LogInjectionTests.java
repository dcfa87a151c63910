package io.amlwarden.security;

import io.amlwarden.support.Http;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The human-readable log format neutralises line breaks and other control characters in
 * what a request brings in, so that nobody can forge a log line (or colour a terminal)
 * through a value the service logs.
 */
@WardenIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogInjectionTests {

	@LocalServerPort
	int port;

	@Test
	void controlCharactersInLoggedValuesCannotStartALine(CapturedOutput output) {
		String hostile = "ws-1\r\n2026-01-01T00:00:00.000Z  INFO --- [main] FORGED : admin granted\u001b[31m";
		LoggerFactory.getLogger(LogInjectionTests.class).warn("Workspace name from a request: {}", hostile);
		// And a value that really comes from a request: an unknown path.
		new Http(this.port).get("/api/v1/findings/%0d%0aFORGED-PATH");

		String line = output.getOut()
			.lines()
			.filter((l) -> l.contains("Workspace name from a request"))
			.findFirst()
			.orElseThrow();
		assertThat(line).contains("ws-1__2026-01-01T00:00:00.000Z  INFO --- [main] FORGED : admin granted_[31m");
		assertThat(output.getOut().lines()).noneMatch((l) -> l.startsWith("2026-01-01T00:00:00.000Z"))
			.noneMatch((l) -> l.startsWith("FORGED"))
			.noneMatch((l) -> l.contains("\u001b[31m"));
	}

}
