package io.amlwarden.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.azure.SimulatorInventory;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.JdbcConnection;
import io.amlwarden.support.LocalIssuerConfiguration;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.RestartablePostgres;
import io.amlwarden.support.ServiceTest;
import org.aopalliance.intercept.MethodInterceptor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops for about 20 s while a scan is between collecting and recording its
 * results, then starts again on the same data directory and port. Readiness goes DOWN and
 * comes back by itself; API calls during the outage are answered 503 problem+json; the
 * scan ends FAILED (it records nothing it could not store, and is not left RUNNING); and
 * every mutating request acknowledged with a 2xx has its audit event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.posture.scans.poll-interval=300ms", "warden.posture.scans.reap-interval=1s",
				"warden.posture.scans.stale-after=25s" })
@Import({ LocalIssuerConfiguration.class, DatabaseOutageTests.OutageConfiguration.class })
@ContextConfiguration(initializers = LocalIssuerConfiguration.Initializer.class)
@DirtiesContext
class DatabaseOutageTests extends ServiceTest {

	static final String SUBSCRIPTION = "0da7a6e0-0000-4000-8000-00000000da7a";

	static final TenantFixture FIXTURE = new TenantFixture(LocalTokenIssuer.TENANT_ID, Instant.now());

	static {
		FIXTURE.subscription(SUBSCRIPTION);
		FIXTURE.stack(SUBSCRIPTION, "rg-outage", "ws-outage",
				(stack) -> stack.props(stack.vault).put("enablePurgeProtection", false));
	}

	static final AzureSimulator SIMULATOR = AzureSimulator.start(FIXTURE.toJson());

	static final RestartablePostgres DATABASE = new RestartablePostgres("warden-outage-pg");

	/** Holds the scan between collection and recording while the database goes away. */
	static volatile CountDownLatch collected = new CountDownLatch(1);

	static volatile CountDownLatch proceed = new CountDownLatch(1);

	@AfterAll
	static void stop() {
		SIMULATOR.close();
		DATABASE.stop();
	}

	@Test
	void anOutageMidScanFailsTheScanAnswers503AndRecoversByItself() throws Exception {
		Http http = new Http(this.port);
		String operator = this.issuer.token("outage-" + UUID.randomUUID(), "Warden.Operator");
		List<String> acknowledged = new ArrayList<>();
		assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);

		Response accepted = http.post("/api/v1/scans", "application/json",
				"{\"subscriptions\":[\"" + SUBSCRIPTION + "\"],\"profile\":\"REGULATED\"}", Http.bearer(operator));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		acknowledged.add(accepted.header("X-Request-Id"));
		String scanId = accepted.json().get("id").asString();
		assertThat(collected.await(60, TimeUnit.SECONDS)).as("the scan collected its inventory").isTrue();

		Instant down = Instant.now();
		DATABASE.stop();
		proceed.countDown();

		// Readiness reports the outage; liveness does not (restarting would not help).
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> http.get("/actuator/health/readiness").status() == 503);
		assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);

		Response read = http.get("/api/v1/scans/" + scanId, Http.bearer(operator));
		assertUnavailable(read);
		Response findings = http.get("/api/v1/findings?subscription=" + SUBSCRIPTION, Http.bearer(operator));
		assertUnavailable(findings);
		Response start = http.post("/api/v1/scans", "application/json",
				"{\"subscriptions\":[\"" + UUID.randomUUID() + "\"]}", Http.bearer(operator));
		if (start.status() >= 200 && start.status() < 300) {
			acknowledged.add(start.header("X-Request-Id"));
		}
		else {
			assertUnavailable(start);
		}

		long remaining = 20_000 - Duration.between(down, Instant.now()).toMillis();
		if (remaining > 0) {
			Thread.sleep(remaining);
		}
		Duration outage = Duration.between(down, Instant.now());
		DATABASE.start();
		Instant up = Instant.now();

		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> http.get("/actuator/health/readiness").status() == 200);
		Duration recovery = Duration.between(up, Instant.now());

		JsonNode[] scan = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			Response response = http.get("/api/v1/scans/" + scanId, Http.bearer(operator));
			if (response.status() != 200) {
				return false;
			}
			scan[0] = response.json();
			String state = scan[0].get("state").asString();
			return !state.equals("QUEUED") && !state.equals("RUNNING");
		});
		assertThat(scan[0].get("state").asString()).as(scan[0].toString()).isIn("FAILED", "PARTIAL");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM finding WHERE lower(subscription_id) = ?", Long.class,
				SUBSCRIPTION))
			.as("no finding recorded by a scan whose results could not be stored")
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM workspace_posture", Long.class)).isZero();

		// Every acknowledged mutating request has its audit event.
		for (String correlationId : acknowledged) {
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE correlation_id = ?", Long.class,
					correlationId))
				.as("audit event of acknowledged request %s", correlationId)
				.isEqualTo(1);
		}
		// And the service works again without a restart.
		Response again = http.post("/api/v1/scans", "application/json",
				"{\"subscriptions\":[\"" + SUBSCRIPTION + "\"],\"profile\":\"REGULATED\"}", Http.bearer(operator));
		assertThat(again.status()).as(again.body()).isEqualTo(202);
		// ... and that scan completes. Waiting for it here also matters for the run
		// time: left running, it would retry against the simulator @AfterAll closes,
		// and the context's shutdown would wait about 30 s for it.
		String againId = again.json().get("id").asString();
		JsonNode[] next = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
			Response response = http.get("/api/v1/scans/" + againId, Http.bearer(operator));
			if (response.status() != 200) {
				return false;
			}
			next[0] = response.json();
			String state = next[0].get("state").asString();
			return !state.equals("QUEUED") && !state.equals("RUNNING");
		});
		assertThat(next[0].get("state").asString()).as(next[0].toString()).isEqualTo("SUCCEEDED");
		Reliability.record("database-outage",
				java.util.Map.of("outageSeconds", outage.toMillis() / 1000.0, "readinessRecoverySeconds",
						recovery.toMillis() / 1000.0, "scanState", scan[0].get("state").asString()));
	}

	private static void assertUnavailable(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("urn:aml-warden:problem:service-unavailable");
		assertThat(response.header("Retry-After")).isNotNull();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OutageConfiguration {

		@Bean
		JdbcConnectionDetails outageDatabase() {
			return JdbcConnection.postgres(DATABASE.jdbcUrl());
		}

		@Bean
		@Primary
		InventoryCollector gatedCollector() {
			ProxyFactory proxy = new ProxyFactory(SimulatorInventory.collector(SIMULATOR, 1.0, 8));
			proxy.setProxyTargetClass(true);
			proxy.addAdvice((MethodInterceptor) (invocation) -> {
				Object result = invocation.proceed();
				if (invocation.getMethod().getName().equals("collect") && collected.getCount() > 0) {
					collected.countDown();
					proceed.await(60, TimeUnit.SECONDS);
				}
				return result;
			});
			return (InventoryCollector) proxy.getProxy();
		}

	}

}
