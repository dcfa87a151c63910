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
 * The instance working on a rotation is shut down abruptly at each step: during preflight
 * (after the plan), right after Key Vault created the new version but before the instance
 * recorded it, after the rotation was recorded but before any dependent was patched, and
 * in the middle of propagation (one workspace patched and recorded, the second patched
 * but not recorded). Each time a freshly started instance takes the rotation over once
 * its lease lapses and completes it: one new key version, every dependent on it and
 * patched once, and a history that keeps what the dead instance recorded, shows the
 * takeover and records each step once.
 */
class RotationCrashTests {

	static final String SUBSCRIPTION = "50a10000-0000-4000-8000-00000000c7a5";

	static final int WORKSPACES = 2;

	static final Gate GATE = new Gate();

	static final List<TenantFixture.Stack> STACKS = new ArrayList<>();

	static final AzureSimulator SIMULATOR;

	static {
		TenantFixture fixture = new TenantFixture(Replicas.TENANT, Instant.now()).subscription(SUBSCRIPTION);
		for (int i = 0; i < 4; i++) {
			STACKS.add(RotationFixtures.stack(fixture, SUBSCRIPTION, "crash" + i, WORKSPACES, true));
		}
		SIMULATOR = AzureSimulator.start(fixture.toJson(), 32);
	}

	@AfterAll
	static void stop() {
		GATE.open();
		SIMULATOR.close();
	}

	@Test
	void aRotationInterruptedAtEachStepIsCompletedOnceByAnotherInstance() throws Exception {
		String database = Replicas.freshDatabase("rotcrash");
		Map<String, String> properties = Replicas.azureProperties(SUBSCRIPTION);
		// Short, so that the next instance may take over soon (it takes about as long to
		// start); renewed at every step, so no step of a live instance outlasts it.
		properties.put("warden.rotation.lease", "12s");
		properties.put("warden.rotation.work-interval", "500ms");
		properties.put("warden.rotation.retry-base", "1s");
		// What is under test is crash recovery, not approval: on-demand rotations run as
		// soon as they are requested.
		properties.put("warden.rotation.approval", "never");
		List<ConfigurableApplicationContext> started = new ArrayList<>();
		Map<String, Object> figures = new LinkedHashMap<>();
		try {
			ConfigurableApplicationContext instance = Replicas.start(database, properties, Crashable.class);
			started.add(instance);
			instance = crashAndResume("afterPlan", database, properties, instance, STACKS.get(0), "vault", 0,
					Gate.Mode.HALT_BEFORE, started, figures);
			instance = crashAndResume("afterRotateUnrecorded", database, properties, instance, STACKS.get(1), "rotate",
					0, Gate.Mode.HALT_AFTER, started, figures);
			instance = crashAndResume("afterRotateBeforePatch", database, properties, instance, STACKS.get(2),
					"updateWorkspaceKey", 0, Gate.Mode.HALT_BEFORE, started, figures);
			crashAndResume("duringPropagation", database, properties, instance, STACKS.get(3), "updateWorkspaceKey", 1,
					Gate.Mode.HALT_AFTER, started, figures);
		}
		finally {
			GATE.open();
			Replicas.closeAll(started);
		}
		Replicas.record("rotation-crash", figures);
		System.out.println("rotation-crash " + figures);
	}

	private ConfigurableApplicationContext crashAndResume(String step, String database, Map<String, String> properties,
			ConfigurableApplicationContext victim, TenantFixture.Stack stack, String method, int skip, Gate.Mode mode,
			List<ConfigurableApplicationContext> started, Map<String, Object> figures) throws Exception {
		Http http = new Http(Replicas.port(victim));
		String operator = LocalTokenIssuer.shared().token("crash-operator", "Warden.Operator");
		String oldVersion = SIMULATOR.keyVersions(stack.vaultId, "cmk").get(0);
		Response plan = http.post("/api/v1/rotations/plan", "application/json",
				"{\"vaultId\": \"" + stack.vaultId + "\", \"keyName\": \"cmk\"}", Http.bearer(operator));
		assertThat(plan.status()).as(plan.body()).isEqualTo(201);
		assertThat(plan.json().get("blocked").asBoolean()).as(plan.body()).isFalse();
		long rotates = SIMULATOR.count("keyvault", "POST", "rotate");
		long workspacePatches = SIMULATOR.count("arm", "PATCH", "workspaces/{name}");
		long storagePatches = SIMULATOR.count("arm", "PATCH", "storageaccounts/{name}");

		GATE.arm(method, skip, mode);
		Response accepted = http.post("/api/v1/rotations", "application/json",
				"{\"planId\": \"" + plan.json().get("id").asString() + "\"}", Http.bearer(operator));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		Thread kick = new Thread(() -> {
			try {
				RotationFixtures.drain(victim);
			}
			catch (RuntimeException ex) {
				// the instance is being shut down under it
			}
		}, "rotation-crash-kick");
		kick.setDaemon(true);
		kick.start();
		assertThat(GATE.awaitReached(60)).as("%s: the instance reached the crash point", step).isTrue();
		List<String> before = eventTypes(database, id);
		String victimWorker = RotationFixtures.workerName(victim);

		long crashing = System.nanoTime();
		Replicas.crash(victim);
		started.remove(victim);
		GATE.open();
		ConfigurableApplicationContext survivor = Replicas.start(database, properties, Crashable.class);
		started.add(survivor);
		Replicas.await(step + ": the rotation to be completed", 90_000, () -> {
			RotationFixtures.drain(survivor);
			return Replicas.count(database, "SELECT count(*) FROM rotation WHERE id = '" + id
					+ "' AND status NOT IN ('RUNNING', 'APPROVED')") == 1;
		});
		figures.put(step + ".completedAfterCrashMs", (System.nanoTime() - crashing) / 1_000_000);
		figures.put(step + ".eventsBeforeCrash", before);

		Map<String, Object> rotation = Replicas
			.rows(database, "SELECT status, to_kid, to_version, locked_by, error FROM rotation WHERE id = '" + id + "'")
			.get(0);
		assertThat(rotation.get("status")).as("%s: %s", step, rotation).isEqualTo("VERIFIED");
		assertThat(rotation.get("locked_by")).isNull();
		List<String> versions = SIMULATOR.keyVersions(stack.vaultId, "cmk");
		assertThat(versions).as("%s: one new version", step).hasSize(2).startsWith(oldVersion);
		assertThat(rotation.get("to_version")).isEqualTo(versions.get(1));
		assertThat(SIMULATOR.count("keyvault", "POST", "rotate") - rotates).as("%s: rotate calls", step).isOne();
		for (String workspace : RotationFixtures.workspaceIds(stack, WORKSPACES)) {
			assertThat(RotationFixtures.keyIdentifier(SIMULATOR, workspace)).as("%s: %s", step, workspace)
				.isEqualTo(rotation.get("to_kid"));
		}
		assertThat(RotationFixtures.storageKeyVersion(SIMULATOR, stack.storageId)).isEqualTo(versions.get(1));
		assertThat(SIMULATOR.count("arm", "PATCH", "workspaces/{name}") - workspacePatches)
			.as("%s: each workspace patched once", step)
			.isEqualTo(WORKSPACES);
		assertThat(SIMULATOR.count("arm", "PATCH", "storageaccounts/{name}") - storagePatches)
			.as("%s: storage patched once", step)
			.isOne();

		// The history keeps what the dead instance recorded, shows the takeover, and
		// records each step once.
		List<String> after = eventTypes(database, id);
		figures.put(step + ".events", after);
		assertThat(after).as("%s: history %s", step, after).startsWith(before.toArray(String[]::new));
		assertThat(after.subList(before.size(), after.size())).as("%s: recorded after the crash", step)
			.startsWith("LEASE_TAKEN_OVER");
		assertThat(after).filteredOn("LEASE_TAKEN_OVER"::equals).hasSize(1);
		String takeover = (String) Replicas
			.rows(database,
					"SELECT detail FROM rotation_event WHERE rotation_id = '" + id + "' AND type = 'LEASE_TAKEN_OVER'")
			.get(0)
			.get("detail");
		assertThat(takeover).contains(victimWorker).contains(RotationFixtures.workerName(survivor));
		assertThat(after).filteredOn("STARTED"::equals).hasSize(1);
		assertThat(after).filteredOn("PREFLIGHT_PASSED"::equals).hasSize(1);
		assertThat(after).filteredOn("ROTATE_REQUESTED"::equals).hasSize(1);
		assertThat(after).filteredOn("VERIFIED"::equals).hasSize(1);
		assertThat(after).doesNotContain("FAILED", "DEPENDENT_FAILED", "RETRY_SCHEDULED");
		assertThat(after).filteredOn("DEPENDENT_VERIFIED"::equals).hasSize(WORKSPACES + 1);
		assertThat(
				Replicas.rows(database,
						"SELECT resource_id FROM rotation_event WHERE rotation_id = '" + id
								+ "' AND type = 'DEPENDENT_VERIFIED' GROUP BY resource_id HAVING count(*) > 1"))
			.isEmpty();
		if (step.equals("afterRotateUnrecorded")) {
			// Key Vault made the version before the instance died: adopted, not made
			// again.
			assertThat(before).doesNotContain("KEY_ROTATED");
			assertThat(after).contains("VERSION_ADOPTED").doesNotContain("KEY_ROTATED");
		}
		else {
			assertThat(after).filteredOn("KEY_ROTATED"::equals).hasSize(1);
			assertThat(after).doesNotContain("VERSION_ADOPTED");
		}
		switch (step) {
			case "afterPlan" -> assertThat(before).containsExactly("CREATED", "STARTED");
			case "afterRotateBeforePatch" ->
				assertThat(before).contains("KEY_ROTATED").doesNotContain("DEPENDENT_VERIFIED");
			case "duringPropagation" -> assertThat(before).filteredOn("DEPENDENT_VERIFIED"::equals).hasSize(1);
			default -> {
			}
		}
		return survivor;
	}

	private static List<String> eventTypes(String database, String rotationId) throws Exception {
		return Replicas
			.rows(database, "SELECT type FROM rotation_event WHERE rotation_id = '" + rotationId + "' ORDER BY id")
			.stream()
			.map((row) -> (String) row.get("type"))
			.toList();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Crashable {

		@Bean
		@Primary
		HttpClient rotationCrashSimulatorHttpClient() {
			return Replicas.httpClient(SIMULATOR, Duration.ofSeconds(10));
		}

		@Bean
		static BeanPostProcessor rotationCrashGate() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (bean instanceof CmkOperations) ? GATE.wrap(bean) : bean;
				}

			};
		}

	}

}
