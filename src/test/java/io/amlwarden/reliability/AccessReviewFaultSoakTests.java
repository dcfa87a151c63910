package io.amlwarden.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.amlwarden.azure.SimulatorHttpClient;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.Fault;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An access review applied while the simulator answers about 30% of Azure calls (reads
 * and role-assignment deletes) with 429 (Retry-After 1 s), 10% with 503 and 5% not at
 * all, with ARM's read token bucket enforced: the outcomes are those the fault-free dry
 * run predicted, every assignment reported deleted is gone and every other one is still
 * there, a second application deletes nothing, and the metrics show the retries.
 */
@WardenIntegrationTest
@Import(AccessReviewFaultSoakTests.SoakAzure.class)
class AccessReviewFaultSoakTests {

	static final String BASE = "/api/v1/access-reviews";

	static final String TENANT = LocalTokenIssuer.TENANT_ID;

	static final String SUBSCRIPTION = "50a10000-0000-4000-8000-0000000acc50";

	static final String REVIEWER = "50a1e000-0000-4000-8000-000000000001";

	static final List<String> GUEST_ASSIGNMENTS = new ArrayList<>();

	static final AzureSimulator SIMULATOR;

	static {
		TenantFixture fixture = new TenantFixture(TENANT, Instant.now()).subscription(SUBSCRIPTION);
		fixture.principal(REVIEWER, "user", "Rhea Reviewer", "Member");
		TenantFixture.Stack stack = fixture.stack(SUBSCRIPTION, "rg-soak", "ws-soak", null);
		fixture.principal(stack.workspacePrincipalId, "servicePrincipal", "ws-soak", null);
		String rg = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-soak";
		for (int i = 1; i <= 5; i++) {
			String guest = "50a1e000-0000-4000-8000-00000000010" + i;
			fixture.principal(guest, "user", "Guest " + i, "Guest");
			GUEST_ASSIGNMENTS.add(fixture.assign(rg, TenantFixture.CONTRIBUTOR, guest, "User", null));
		}
		SIMULATOR = AzureSimulator.start(fixture.toJson(), 32);
	}

	static final String AZURE_CALLS = "^(arm|graph|keyvault|msgraph) ";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("warden.azure.live", () -> "false");
		registry.add("warden.azure.tenant-id", () -> TENANT);
		registry.add("warden.azure.credential.kind", () -> "client-secret");
		registry.add("warden.azure.credential.client-id", () -> "11111111-1111-1111-1111-111111111111");
		registry.add("warden.azure.credential.client-secret", () -> "simulator-secret");
		// A larger retry budget than production's 4 (see AzureFaultSoakTests) and short
		// attempts, so that injected timeouts cost a second each.
		registry.add("warden.azure.limits.max-retries", () -> "10");
		registry.add("warden.azure.limits.retry-base-delay", () -> "50ms");
		registry.add("warden.azure.limits.retry-max-delay", () -> "2s");
		registry.add("warden.azure.limits.response-timeout", () -> "1s");
		registry.add("warden.scheduling.enabled", () -> "false");
		registry.add("warden.access.max-removal-share", () -> "1.0");
	}

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Autowired
	MeterRegistry metrics;

	@AfterAll
	static void stop() {
		SIMULATOR.close();
	}

	@Test
	void anApplicationUnderFaultsDoesWhatTheFaultFreeDryRunPredicted() {
		Http http = new Http(this.port);
		String admin = this.issuer.token("soak-admin", "Warden.Admin");
		// The two-person rule: a second Admin applies what the first defined and closed.
		String applier = this.issuer.token("soak-second-admin", "Warden.Admin");
		String reviewer = this.issuer.token(REVIEWER, "Warden.Reviewer");

		Response opened = GuestReview.open(http, admin, "Soak review", SUBSCRIPTION, REVIEWER);
		assertThat(opened.json().get("partial").asBoolean()).isFalse();
		String reviewId = opened.json().get("id").asString();
		GuestReview.denyAllAndClose(http, admin, http, reviewer, reviewId, GUEST_ASSIGNMENTS);
		Response dryRun = http.post(BASE + "/instances/" + reviewId + "/apply?dryRun=true", "application/json", "",
				Http.bearer(admin));
		assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
		Map<String, String> predicted = outcomes(dryRun.json());
		assertThat(predicted).hasSize(GUEST_ASSIGNMENTS.size());

		double throttledBefore = count("429");
		double unavailableBefore = count("503");
		SIMULATOR.enforceTokenBucket(true);
		Fault.soakMix(AZURE_CALLS).forEach(SIMULATOR::fault);
		Response applied;
		Response again;
		try {
			applied = http.post(BASE + "/instances/" + reviewId + "/apply?dryRun=false", "application/json", "",
					Http.bearer(applier));
			again = http.post(BASE + "/instances/" + reviewId + "/apply?dryRun=false", "application/json", "",
					Http.bearer(applier));
		}
		finally {
			SIMULATOR.clearFaults();
			SIMULATOR.enforceTokenBucket(false);
		}
		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		Map<String, String> actual = outcomes(applied.json());
		assertThat(actual.keySet()).isEqualTo(predicted.keySet());
		actual.forEach((assignment, result) -> {
			// Nothing is recorded as done that is not done, and the reverse.
			if (result.equals("APPLIED_SUCCESSFULLY")) {
				assertThat(SIMULATOR.exists(assignment)).as(assignment).isFalse();
			}
			else {
				assertThat(SIMULATOR.exists(assignment)).as(assignment).isTrue();
			}
		});
		assertThat(actual).as("outcomes under faults equal the fault-free prediction").isEqualTo(predicted);
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.json().get("outcomes").size()).as("a second application does nothing").isZero();
		assertThat(count("429") - throttledBefore).isPositive();
		assertThat(count("503") - unavailableBefore).isPositive();
		Reliability.record("azure-fault-soak.access-review-apply", Map.of("denied", GUEST_ASSIGNMENTS.size(), "http429",
				(long) (count("429") - throttledBefore), "http503", (long) (count("503") - unavailableBefore)));
	}

	private double count(String status) {
		return this.metrics.find("warden.azure.requests")
			.tag("status", status)
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	private static Map<String, String> outcomes(JsonNode report) {
		Map<String, String> outcomes = new HashMap<>();
		report.get("outcomes")
			.forEach((o) -> outcomes.put(o.get("assignmentId").asString().toLowerCase(Locale.ROOT),
					o.get("result").asString()));
		return outcomes;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SoakAzure {

		// Primary over the shared demo simulator's client of every integration context.
		@Bean
		@Primary
		HttpClient soakSimulatorHttpClient() {
			return new SimulatorHttpClient(new NettyAsyncHttpClientBuilder().responseTimeout(Duration.ofSeconds(1))
				.readTimeout(Duration.ofSeconds(1))
				.build(), SIMULATOR.port());
		}

	}

}
