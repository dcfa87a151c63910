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
import io.amlwarden.azure.RoleAssignmentOperations;
import io.amlwarden.reliability.GuestReview;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica applying a closed review dies after deleting three of eight denied
 * assignments, the third deleted in Azure but not yet recorded. Once the apply lease
 * lapses, the other replica's apply run finishes the review: each denied assignment is
 * deleted from Azure exactly once (simulator DELETE counter), the two removals the dead
 * replica recorded stay recorded, the one it did not record is recorded as found already
 * gone (not as removed by the survivor, and not deleted again), and the rest are removed
 * by the survivor.
 */
class ReviewApplyCrashTests {

	static final String BASE = "/api/v1/access-reviews";

	static final String SUBSCRIPTION = "50a10000-0000-4000-8000-0000000acc52";

	static final String REVIEWER = "50a1e000-0000-4000-8000-000000000401";

	static final List<String> GUEST_ASSIGNMENTS = new ArrayList<>();

	static final Gate GATE = new Gate();

	static final AzureSimulator SIMULATOR;

	static {
		TenantFixture fixture = new TenantFixture(Replicas.TENANT, Instant.now()).subscription(SUBSCRIPTION);
		fixture.principal(REVIEWER, "user", "Rhea Reviewer", "Member");
		TenantFixture.Stack stack = fixture.stack(SUBSCRIPTION, "rg-applycrash", "ws-applycrash", null);
		fixture.principal(stack.workspacePrincipalId, "servicePrincipal", "ws-applycrash", null);
		String rg = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-applycrash";
		for (int i = 1; i <= 8; i++) {
			String guest = "50a1e000-0000-4000-8000-00000000050" + i;
			fixture.principal(guest, "user", "Guest " + i, "Guest");
			GUEST_ASSIGNMENTS.add(fixture.assign(rg, TenantFixture.CONTRIBUTOR, guest, "User", null));
		}
		SIMULATOR = AzureSimulator.start(fixture.toJson(), 32);
	}

	@AfterAll
	static void stop() {
		GATE.open();
		SIMULATOR.close();
	}

	@Test
	void aSurvivorFinishesTheApplicationAndEachDenialIsDeletedOnce() throws Exception {
		String database = Replicas.freshDatabase("applycrash");
		Map<String, String> properties = Replicas.azureProperties(SUBSCRIPTION);
		properties.put("warden.scheduling.enabled", "false");
		properties.put("warden.access.max-removal-share", "1.0");
		// Short, so that the survivor may take the review over soon.
		properties.put("warden.access.apply-lease", "6s");
		List<ConfigurableApplicationContext> replicas = new ArrayList<>();
		Map<String, Object> figures = new LinkedHashMap<>();
		try {
			ConfigurableApplicationContext victim = Replicas.start(database, properties, Crashable.class);
			replicas.add(victim);
			ConfigurableApplicationContext survivor = Replicas.start(database, properties, Crashable.class);
			replicas.add(survivor);
			Http a = new Http(Replicas.port(victim));
			Http b = new Http(Replicas.port(survivor));
			LocalTokenIssuer issuer = LocalTokenIssuer.shared();
			String admin = issuer.token("apply-crash-admin", "Warden.Admin");
			// The two-person rule: a second Admin applies what the first defined and
			// closed.
			String applier = issuer.token("apply-crash-second-admin", "Warden.Admin");
			String reviewer = issuer.token(REVIEWER, "Warden.Reviewer");

			Response opened = GuestReview.open(a, admin, "Crash review", SUBSCRIPTION, REVIEWER);
			String reviewId = opened.json().get("id").asString();
			GuestReview.denyAllAndClose(a, admin, b, reviewer, reviewId, GUEST_ASSIGNMENTS);

			// The victim deletes two assignments and records them; the third DELETE
			// goes through in Azure, and the replica dies before recording it.
			SIMULATOR.resetCounts();
			GATE.arm("delete", 2, Gate.Mode.HALT_AFTER);
			String apply = BASE + "/instances/" + reviewId + "/apply?dryRun=false";
			CompletableFuture<Response> lost = CompletableFuture
				.supplyAsync(() -> a.post(apply, "application/json", "", Http.bearer(applier)));
			assertThat(GATE.awaitReached(60)).as("the victim reached its third delete").isTrue();
			String inFlight = ((String) GATE.arguments()[0]).toLowerCase(Locale.ROOT);
			assertThat(SIMULATOR.exists(inFlight)).as("the third delete went through").isFalse();
			long crashing = System.nanoTime();
			Replicas.crash(victim);
			replicas.remove(victim);
			GATE.open();
			assertThat(Replicas.count(database,
					"SELECT count(*) FROM review_item WHERE review_id = '" + reviewId
							+ "' AND apply_result = 'APPLIED_SUCCESSFULLY'"))
				.as("removals the victim recorded")
				.isEqualTo(2);

			// The survivor is refused while the dead run's lease holds, then finishes.
			List<Integer> refused = new ArrayList<>();
			Response finished = null;
			long deadline = System.currentTimeMillis() + 60_000;
			while (System.currentTimeMillis() < deadline) {
				Response response = b.post(apply, "application/json", "", Http.bearer(applier));
				if (response.status() != 409) {
					finished = response;
					break;
				}
				refused.add(response.status());
				Thread.sleep(1_000);
			}
			figures.put("finishedAfterCrashMs", (System.nanoTime() - crashing) / 1_000_000);
			figures.put("refusedWhileLeaseHeld", refused.size());
			assertThat(finished).as("the survivor's apply run").isNotNull();
			assertThat(finished.status()).as(finished.body()).isEqualTo(200);
			Map<String, String> outcomes = new HashMap<>();
			finished.json()
				.get("outcomes")
				.forEach((o) -> outcomes.put(o.get("assignmentId").asString().toLowerCase(Locale.ROOT),
						o.get("result").asString()));
			assertThat(outcomes).as("the survivor applies what the victim left").hasSize(6);
			assertThat(outcomes).containsEntry(inFlight, "APPLIED_BUT_OBJECT_NOT_FOUND");
			assertThat(outcomes.values()).filteredOn("APPLIED_SUCCESSFULLY"::equals).hasSize(5);

			long deletes = SIMULATOR.counts()
				.entrySet()
				.stream()
				.filter((e) -> e.getKey().contains(" DELETE "))
				.mapToLong(Map.Entry::getValue)
				.sum();
			figures.put("deletes", deletes);
			assertThat(deletes).as("DELETE requests to Azure (%s)", SIMULATOR.counts())
				.isEqualTo(GUEST_ASSIGNMENTS.size());
			for (String assignment : GUEST_ASSIGNMENTS) {
				assertThat(SIMULATOR.exists(assignment)).as(assignment).isFalse();
			}
			Map<String, Long> recorded = new LinkedHashMap<>();
			Replicas
				.rows(database,
						"SELECT apply_result, count(*) AS n FROM review_item WHERE review_id = '" + reviewId
								+ "' AND decision = 'DENY' GROUP BY apply_result")
				.forEach((row) -> recorded.put((String) row.get("apply_result"), ((Number) row.get("n")).longValue()));
			figures.put("recorded", recorded);
			assertThat(recorded).as("recorded results")
				.isEqualTo(Map.of("APPLIED_SUCCESSFULLY", 7L, "APPLIED_BUT_OBJECT_NOT_FOUND", 1L));
			assertThat(Replicas.count(database,
					"SELECT count(*) FROM review_item i JOIN review_item_event e ON e.item_id = i.id "
							+ "WHERE i.review_id = '" + reviewId + "' AND e.kind = 'APPLY'"))
				.as("one APPLY event per item")
				.isEqualTo(GUEST_ASSIGNMENTS.size());
			assertThat(Replicas.rows(database, "SELECT status FROM access_review WHERE id = '" + reviewId + "'")
				.get(0)
				.get("status")).isEqualTo("APPLIED");
			lost.cancel(true);
		}
		finally {
			GATE.open();
			Replicas.closeAll(replicas);
		}
		Replicas.record("review-apply-crash", figures);
		System.out.println("review-apply-crash " + figures);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Crashable {

		@Bean
		@Primary
		HttpClient applyCrashSimulatorHttpClient() {
			return Replicas.httpClient(SIMULATOR, Duration.ofSeconds(5));
		}

		@Bean
		static BeanPostProcessor applyCrashGate() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (bean instanceof RoleAssignmentOperations) ? GATE.wrap(bean) : bean;
				}

			};
		}

	}

}
