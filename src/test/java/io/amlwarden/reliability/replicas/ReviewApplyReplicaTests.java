package io.amlwarden.reliability.replicas;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.amlwarden.azure.SimulatorHttpClient;
import io.amlwarden.reliability.GuestReview;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas apply the same closed review at the same moment: each denied assignment is
 * deleted from Azure exactly once and each item is applied once, by one of them.
 */
class ReviewApplyReplicaTests {

	static final String BASE = "/api/v1/access-reviews";

	static final String TENANT = LocalTokenIssuer.TENANT_ID;

	static final String SUBSCRIPTION = "50a10000-0000-4000-8000-0000000acc51";

	static final String REVIEWER = "50a1e000-0000-4000-8000-000000000201";

	static final List<String> GUEST_ASSIGNMENTS = new ArrayList<>();

	static final AzureSimulator SIMULATOR;

	static {
		TenantFixture fixture = new TenantFixture(TENANT, Instant.now()).subscription(SUBSCRIPTION);
		fixture.principal(REVIEWER, "user", "Rhea Reviewer", "Member");
		TenantFixture.Stack stack = fixture.stack(SUBSCRIPTION, "rg-replicas", "ws-replicas", null);
		fixture.principal(stack.workspacePrincipalId, "servicePrincipal", "ws-replicas", null);
		String rg = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-replicas";
		for (int i = 1; i <= 8; i++) {
			String guest = "50a1e000-0000-4000-8000-00000000030" + i;
			fixture.principal(guest, "user", "Guest " + i, "Guest");
			GUEST_ASSIGNMENTS.add(fixture.assign(rg, TenantFixture.CONTRIBUTOR, guest, "User", null));
		}
		SIMULATOR = AzureSimulator.start(fixture.toJson(), 32);
	}

	@Test
	void eachDeniedAssignmentIsDeletedOnceWhenTwoReplicasApply() throws Exception {
		String database = Replicas.freshDatabase("review");
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("warden.scheduling.enabled", "false");
		properties.put("warden.azure.tenant-id", TENANT);
		properties.put("warden.azure.subscriptions", SUBSCRIPTION);
		properties.put("warden.azure.credential.client-id", "11111111-1111-1111-1111-111111111111");
		properties.put("warden.access.max-removal-share", "1.0");
		List<ConfigurableApplicationContext> replicas = new ArrayList<>();
		Map<String, Object> figures = new LinkedHashMap<>();
		try {
			replicas.add(Replicas.start(database, properties, OwnSimulator.class));
			replicas.add(Replicas.start(database, properties, OwnSimulator.class));
			Http a = new Http(Replicas.port(replicas.get(0)));
			Http b = new Http(Replicas.port(replicas.get(1)));
			LocalTokenIssuer issuer = LocalTokenIssuer.shared();
			String admin = issuer.token("replica-admin", "Warden.Admin");
			String reviewer = issuer.token(REVIEWER, "Warden.Reviewer");
			// Removals need a second Admin: neither the review's definer nor its closer.
			String applier = issuer.token("replica-second-admin", "Warden.Admin");

			Response opened = GuestReview.open(a, admin, "Replica review", SUBSCRIPTION, REVIEWER);
			String reviewId = opened.json().get("id").asString();
			GuestReview.denyAllAndClose(a, admin, b, reviewer, reviewId, GUEST_ASSIGNMENTS);

			SIMULATOR.resetCounts();
			SIMULATOR.latency(100);
			long started = System.nanoTime();
			String apply = BASE + "/instances/" + reviewId + "/apply?dryRun=false";
			CompletableFuture<Response> first = CompletableFuture
				.supplyAsync(() -> a.post(apply, "application/json", "", Http.bearer(applier)));
			CompletableFuture<Response> second = CompletableFuture
				.supplyAsync(() -> b.post(apply, "application/json", "", Http.bearer(applier)));
			List<Response> responses = List.of(first.join(), second.join());
			SIMULATOR.latency(0);
			figures.put("applyMs", (System.nanoTime() - started) / 1_000_000);

			Map<String, Integer> applied = new HashMap<>();
			List<Integer> statuses = new ArrayList<>();
			for (Response response : responses) {
				statuses.add(response.status());
				if (response.status() == 200) {
					response.json()
						.get("outcomes")
						.forEach((o) -> applied.merge(o.get("assignmentId").asString().toLowerCase(Locale.ROOT) + " "
								+ o.get("result").asString(), 1, Integer::sum));
				}
			}
			figures.put("statuses", statuses);
			assertThat(statuses).as("answers of the two replicas %s", responses.stream().map(Response::body).toList())
				.allMatch((status) -> status == 200 || status == 409);
			long deletes = SIMULATOR.counts()
				.entrySet()
				.stream()
				.filter((e) -> e.getKey().contains(" DELETE "))
				.mapToLong(Map.Entry::getValue)
				.sum();
			figures.put("deletes", deletes);
			figures.put("denied", GUEST_ASSIGNMENTS.size());
			assertThat(deletes).as("DELETE requests to Azure (%s)", SIMULATOR.counts())
				.isEqualTo(GUEST_ASSIGNMENTS.size());
			for (String assignment : GUEST_ASSIGNMENTS) {
				assertThat(SIMULATOR.exists(assignment)).as(assignment).isFalse();
			}
			assertThat(applied.values()).as("outcomes reported across both answers %s", applied)
				.allMatch((n) -> n == 1);
			assertThat(Replicas.count(database,
					"SELECT count(*) FROM review_item WHERE review_id = '" + reviewId
							+ "' AND decision = 'DENY' AND apply_result = 'APPLIED_SUCCESSFULLY'"))
				.as("items applied")
				.isEqualTo(GUEST_ASSIGNMENTS.size());
		}
		finally {
			SIMULATOR.latency(0);
			Replicas.closeAll(replicas);
		}
		Replicas.record("review-apply-replicas", figures);
		System.out.println("review-apply-replicas " + figures);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OwnSimulator {

		@Bean
		@Primary
		HttpClient replicaReviewSimulatorHttpClient() {
			return new SimulatorHttpClient(new NettyAsyncHttpClientBuilder().responseTimeout(Duration.ofSeconds(5))
				.readTimeout(Duration.ofSeconds(5))
				.build(), SIMULATOR.port());
		}

	}

}
