package io.amlwarden.reliability.replicas;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.azure.core.http.HttpClient;
import io.amlwarden.azure.CmkOperations;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.RestartablePostgres;
import io.amlwarden.rotation.RotationFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops for about 20 s in the middle of a rotation's propagation (the first
 * workspace PATCH is sent to Azure while the database is down, so its result cannot be
 * recorded), then starts again on the same data directory and port. Readiness goes DOWN
 * and comes back by itself; the API answers 503 meanwhile; the rotation resumes on its
 * own once its lease lapses and completes once (one new version, each dependent patched
 * once); and every history row and audit event written for acknowledged work survives.
 */
class RotationDatabaseOutageTests {

	static final String SUBSCRIPTION = "0da7a6e0-0000-4000-8000-00000000a07a";

	static final int WORKSPACES = 2;

	static final Gate GATE = new Gate();

	static final TenantFixture.Stack STACK;

	static final AzureSimulator SIMULATOR;

	static {
		TenantFixture fixture = new TenantFixture(Replicas.TENANT, Instant.now()).subscription(SUBSCRIPTION);
		STACK = RotationFixtures.stack(fixture, SUBSCRIPTION, "outage", WORKSPACES, true);
		SIMULATOR = AzureSimulator.start(fixture.toJson(), 32);
	}

	static final RestartablePostgres DATABASE = new RestartablePostgres("warden-rotation-outage-pg");

	@AfterAll
	static void stop() {
		GATE.open();
		SIMULATOR.close();
		DATABASE.stop();
	}

	@Test
	void anOutageMidRotationIsSurvivedAndTheRotationCompletesOnce() throws Exception {
		Map<String, String> properties = Replicas.azureProperties(SUBSCRIPTION);
		properties.put("spring.datasource.url", DATABASE.jdbcUrl());
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "");
		// Outlasts the pause before the database stops; lapses during the 20 s outage.
		properties.put("warden.rotation.lease", "8s");
		properties.put("warden.rotation.work-interval", "500ms");
		properties.put("warden.rotation.retry-base", "1s");
		// What is under test is surviving the outage, not approval: on-demand rotations
		// run as soon as they are requested.
		properties.put("warden.rotation.approval", "never");
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		Map<String, Object> figures = new LinkedHashMap<>();
		try {
			ConfigurableApplicationContext instance = Replicas.start("unused", properties, Outage.class);
			instances.add(instance);
			Http http = new Http(Replicas.port(instance));
			String operator = LocalTokenIssuer.shared().token("outage-operator", "Warden.Operator");
			assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);

			List<String> acknowledged = new ArrayList<>();
			Response plan = http.post("/api/v1/rotations/plan", "application/json",
					"{\"vaultId\": \"" + STACK.vaultId + "\", \"keyName\": \"cmk\"}", Http.bearer(operator));
			assertThat(plan.status()).as(plan.body()).isEqualTo(201);
			acknowledged.add(plan.header("X-Request-Id"));
			// The rotation goes as far as its first workspace PATCH and waits there.
			GATE.arm("updateWorkspaceKey", 0, Gate.Mode.PAUSE_BEFORE);
			Response accepted = http.post("/api/v1/rotations", "application/json",
					"{\"planId\": \"" + plan.json().get("id").asString() + "\"}", Http.bearer(operator));
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			acknowledged.add(accepted.header("X-Request-Id"));
			String id = accepted.json().get("id").asString();
			Thread kick = new Thread(() -> {
				try {
					RotationFixtures.drain(instance);
				}
				catch (RuntimeException ex) {
					// the database went away under it
				}
			}, "rotation-outage-kick");
			kick.setDaemon(true);
			kick.start();
			assertThat(GATE.awaitReached(60)).as("the rotation reached its first PATCH").isTrue();
			List<String> historyBefore = events(id);
			assertThat(historyBefore).as("recorded before the outage").contains("KEY_ROTATED");

			Instant down = Instant.now();
			DATABASE.stop();
			// The PATCH goes to Azure now; its result cannot be recorded.
			GATE.open();
			waitFor("readiness DOWN", 20_000, () -> http.get("/actuator/health/readiness").status() == 503);
			assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
			Response read = http.get("/api/v1/rotations/" + id, Http.bearer(operator));
			assertThat(read.status()).as(read.body()).isEqualTo(503);
			assertThat(read.contentType()).startsWith("application/problem+json");
			assertThat(read.header("Retry-After")).isNotNull();
			waitFor("the paused PATCH to reach Azure", 30_000,
					() -> SIMULATOR.count("arm", "PATCH", "workspaces/{name}") == 1);

			long remaining = 20_000 - Duration.between(down, Instant.now()).toMillis();
			if (remaining > 0) {
				Thread.sleep(remaining);
			}
			figures.put("outageSeconds", Duration.between(down, Instant.now()).toMillis() / 1000.0);
			DATABASE.start();
			long up = System.nanoTime();
			waitFor("readiness UP", 30_000, () -> http.get("/actuator/health/readiness").status() == 200);
			figures.put("readinessRecoverySeconds", (System.nanoTime() - up) / 1_000_000_000.0);

			// The scheduled work job resumes the rotation by itself once its lease
			// lapses.
			waitFor("the rotation to complete", 90_000, () -> !List.of("RUNNING", "PROPAGATING").contains(status(id)));
			figures.put("completedAfterRecoverySeconds", (System.nanoTime() - up) / 1_000_000_000.0);
			assertThat(status(id)).isEqualTo("VERIFIED");
			List<String> versions = SIMULATOR.keyVersions(STACK.vaultId, "cmk");
			assertThat(versions).as("one new version").hasSize(2);
			assertThat(SIMULATOR.count("keyvault", "POST", "rotate")).isOne();
			assertThat(SIMULATOR.count("arm", "PATCH", "workspaces/{name}")).as("each workspace patched once")
				.isEqualTo(WORKSPACES);
			assertThat(SIMULATOR.count("arm", "PATCH", "storageaccounts/{name}")).isOne();
			Response done = http.get("/api/v1/rotations/" + id, Http.bearer(operator));
			assertThat(done.status()).isEqualTo(200);
			String kid = done.json().get("toKid").asString();
			assertThat(kid).endsWith(versions.get(1));
			for (String workspace : RotationFixtures.workspaceIds(STACK, WORKSPACES)) {
				assertThat(RotationFixtures.keyIdentifier(SIMULATOR, workspace)).as(workspace).isEqualTo(kid);
			}

			// No history row lost; the takeover and each step recorded once.
			List<String> history = events(id);
			figures.put("history", history);
			assertThat(history).startsWith(historyBefore.toArray(String[]::new));
			assertThat(history).filteredOn("LEASE_TAKEN_OVER"::equals).hasSize(1);
			assertThat(history).filteredOn("KEY_ROTATED"::equals).hasSize(1);
			assertThat(history).filteredOn("DEPENDENT_VERIFIED"::equals).hasSize(WORKSPACES + 1);
			assertThat(history).filteredOn("VERIFIED"::equals).hasSize(1);
			assertThat(history).doesNotContain("FAILED", "DEPENDENT_FAILED", "VERSION_ADOPTED");
			// Every acknowledged request has its audit event, and so does the outcome.
			for (String correlationId : acknowledged) {
				assertThat(DATABASE
					.count("SELECT count(*) FROM audit_event WHERE correlation_id = '" + correlationId + "'"))
					.as("audit event of acknowledged request %s", correlationId)
					.isOne();
			}
			assertThat(DATABASE.count("SELECT count(*) FROM audit_event WHERE action = 'rotation.succeeded' "
					+ "AND target = '/api/v1/rotations/" + id + "'"))
				.isOne();
		}
		finally {
			GATE.open();
			Replicas.closeAll(instances);
		}
		Replicas.record("database-outage.rotation", figures);
		System.out.println("database-outage.rotation " + figures);
	}

	private static void waitFor(String what, long timeoutMillis, Replicas.Check check) throws Exception {
		Replicas.await(what, timeoutMillis, () -> {
			try {
				return check.holds();
			}
			catch (RuntimeException | java.sql.SQLException ex) {
				return false;
			}
		});
	}

	private static String status(String rotationId) throws java.sql.SQLException {
		return DATABASE.strings("SELECT status FROM rotation WHERE id = '" + rotationId + "'").get(0);
	}

	private static List<String> events(String rotationId) throws java.sql.SQLException {
		return DATABASE.strings("SELECT type FROM rotation_event WHERE rotation_id = '" + rotationId + "' ORDER BY id");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Outage {

		@Bean
		@Primary
		HttpClient rotationOutageSimulatorHttpClient() {
			return Replicas.httpClient(SIMULATOR, Duration.ofSeconds(10));
		}

		@Bean
		static BeanPostProcessor rotationOutageGate() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (bean instanceof CmkOperations) ? GATE.wrap(bean) : bean;
				}

			};
		}

	}

}
