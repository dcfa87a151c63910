package io.amlwarden.reliability.replicas;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.azure.core.http.HttpClient;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.rotation.RotationFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas with their schedulers on share one database and one simulator holding
 * {@value #KEYS} keys, each used by two workspaces and a pinned storage account, with a
 * due rotation policy each; a scan schedule runs alongside. Every due rotation happens
 * exactly once (one Key Vault rotate per key, one rotation row per key), ends VERIFIED
 * with every dependent on the new version, its history records each step once, and no
 * finding is duplicated.
 */
class MultiReplicaRotationTests {

	static final int KEYS = 15;

	static final int WORKSPACES = 2;

	static final String SUBSCRIPTION = "50a10000-0000-4000-8000-00000000a071";

	static final List<TenantFixture.Stack> STACKS = new ArrayList<>();

	static final AzureSimulator SIMULATOR;

	static {
		TenantFixture fixture = new TenantFixture(Replicas.TENANT, Instant.now()).subscription(SUBSCRIPTION);
		for (int i = 0; i < KEYS; i++) {
			STACKS.add(RotationFixtures.stack(fixture, SUBSCRIPTION, String.format("mr%02d", i), WORKSPACES, true));
		}
		SIMULATOR = AzureSimulator.start(fixture.toJson(), 64);
	}

	@AfterAll
	static void stop() {
		SIMULATOR.close();
	}

	@Test
	void eachDueRotationHappensExactlyOnceAcrossThreeReplicas() throws Exception {
		String database = Replicas.freshDatabase("rotreplicas");
		Map<String, String> properties = Replicas.azureProperties(SUBSCRIPTION);
		properties.put("warden.rotation.plan-interval", "1s");
		properties.put("warden.rotation.work-interval", "500ms");
		// The jobs' first ticks (production: 30 s and 20 s after start) are what this
		// test waited for most of its time; the ticks after them are what it tests.
		properties.put("warden.rotation.plan-initial-delay", "1s");
		properties.put("warden.rotation.work-initial-delay", "1s");
		// Scans of the same tenant run alongside (the scan schedule is the scan suite's
		// subject; here they only add load and must not duplicate findings).
		properties.put("warden.posture.scans.poll-interval", "500ms");
		properties.put("warden.posture.scans.schedule-interval", "1s");
		properties.put("warden.posture.scans.schedules[0].name", "rotation-replicas");
		properties.put("warden.posture.scans.schedules[0].cron", "*/10 * * * * *");
		properties.put("warden.posture.scans.schedules[0].subscriptions", SUBSCRIPTION);
		List<ConfigurableApplicationContext> replicas = new ArrayList<>();
		Map<String, Object> figures = new LinkedHashMap<>();
		Set<String> workersSeen = ConcurrentHashMap.newKeySet();
		try {
			long starting = System.nanoTime();
			for (int i = 0; i < 3; i++) {
				replicas.add(Replicas.start(database, properties, OwnSimulator.class));
			}
			figures.put("startupMs", (System.nanoTime() - starting) / 1_000_000);
			Set<String> workers = Set.of(RotationFixtures.workerName(replicas.get(0)),
					RotationFixtures.workerName(replicas.get(1)), RotationFixtures.workerName(replicas.get(2)));
			Http http = new Http(Replicas.port(replicas.get(0)));
			// An Admin: these policies rotate without approval, which only an Admin may
			// set.
			String admin = LocalTokenIssuer.shared().token("rotation-admin", "Warden.Admin");
			// Counted from here: a replica's scheduler may already plan and work the
			// first policies while the others are being created.
			SIMULATOR.resetCounts();
			for (TenantFixture.Stack stack : STACKS) {
				Response created = http.post("/api/v1/rotation-policies", "application/json", """
						{"name": "rotate %s", "vaultId": "%s", "keyName": "cmk", "rotationPeriod": "P7D",
						 "maxJitter": "PT0S"}
						""".formatted(stack.resourceGroup, stack.vaultId), Http.bearer(admin));
				assertThat(created.status()).as(created.body()).isEqualTo(201);
				assertThat(Instant.parse(created.json().get("nextDueAt").asString())).as("due now")
					.isBefore(Instant.now());
			}

			// The schedulers start on their own (planning and working 1 s after each
			// replica started); sample who holds leases meanwhile.
			long waiting = System.nanoTime();
			Replicas.await("every rotation to be verified", 180_000, () -> {
				Replicas.rows(database, "SELECT DISTINCT locked_by FROM rotation WHERE locked_by IS NOT NULL")
					.forEach((row) -> workersSeen.add((String) row.get("locked_by")));
				return Replicas.count(database, "SELECT count(*) FROM rotation WHERE status = 'VERIFIED'") == KEYS;
			});
			figures.put("allVerifiedAfterMs", (System.nanoTime() - waiting) / 1_000_000);
			// Several more planning and work ticks on every replica: nothing may happen
			// twice.
			Thread.sleep(4_000);
			// Now that the rotations no longer wait 30 s for the first planning tick
			// they may be done before any scan has finished: let one finish alongside,
			// so that the checks of the scans below have something to check.
			Replicas.await("a scan to have run alongside", 60_000,
					() -> Replicas.count(database, "SELECT count(*) FROM scan WHERE state = 'SUCCEEDED'") > 0);
			figures.put("workersObservedHoldingLeases", workersSeen.size());
			assertThat(workers).as("lease holders are these replicas' workers").containsAll(workersSeen);
		}
		finally {
			Replicas.closeAll(replicas);
		}

		assertThat(SIMULATOR.count("keyvault", "POST", "rotate")).as("Key Vault rotate calls").isEqualTo(KEYS);
		assertThat(Replicas.count(database, "SELECT count(*) FROM rotation")).as("rotations").isEqualTo(KEYS);
		assertThat(Replicas.rows(database, "SELECT key_id FROM rotation GROUP BY key_id HAVING count(*) > 1"))
			.as("keys rotated more than once")
			.isEmpty();
		List<Map<String, Object>> rotations = Replicas.rows(database,
				"SELECT id, key_id, status, trigger, to_kid, to_version, locked_by FROM rotation");
		for (TenantFixture.Stack stack : STACKS) {
			List<String> versions = SIMULATOR.keyVersions(stack.vaultId, "cmk");
			assertThat(versions).as("versions of %s", stack.vaultId).hasSize(2);
			Map<String, Object> rotation = rotations.stream()
				.filter((r) -> ((String) r.get("key_id")).startsWith(stack.vaultId.toLowerCase(Locale.ROOT) + "/"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no rotation of " + stack.vaultId));
			assertThat(rotation.get("status")).isEqualTo("VERIFIED");
			assertThat(rotation.get("trigger")).isEqualTo("SCHEDULED");
			assertThat(rotation.get("locked_by")).as("lease released").isNull();
			assertThat(rotation.get("to_version")).isEqualTo(versions.get(1));
			String kid = (String) rotation.get("to_kid");
			for (String workspace : RotationFixtures.workspaceIds(stack, WORKSPACES)) {
				assertThat(RotationFixtures.keyIdentifier(SIMULATOR, workspace)).as(workspace).isEqualTo(kid);
			}
			assertThat(RotationFixtures.storageKeyVersion(SIMULATOR, stack.storageId)).isEqualTo(versions.get(1));
		}
		assertThat(SIMULATOR.count("arm", "PATCH", "workspaces/{name}")).as("workspace PATCHes")
			.isEqualTo(KEYS * WORKSPACES);
		assertThat(SIMULATOR.count("arm", "PATCH", "storageaccounts/{name}")).as("storage PATCHes").isEqualTo(KEYS);

		// The history records each step once per rotation, and nothing that did not
		// happen.
		Map<String, Long> events = new LinkedHashMap<>();
		Replicas.rows(database, "SELECT type, count(*) AS n FROM rotation_event GROUP BY type ORDER BY type")
			.forEach((row) -> events.put((String) row.get("type"), ((Number) row.get("n")).longValue()));
		figures.put("events", events);
		assertThat(events).as("event counts %s", events)
			.containsEntry("CREATED", (long) KEYS)
			.containsEntry("STARTED", (long) KEYS)
			.containsEntry("PREFLIGHT_PASSED", (long) KEYS)
			.containsEntry("ROTATE_REQUESTED", (long) KEYS)
			.containsEntry("KEY_ROTATED", (long) KEYS)
			.containsEntry("DEPENDENT_VERIFIED", (long) KEYS * (WORKSPACES + 1))
			.containsEntry("VERIFIED", (long) KEYS)
			.doesNotContainKeys("VERSION_ADOPTED", "LEASE_TAKEN_OVER", "FAILED", "DEPENDENT_FAILED");
		assertThat(Replicas.rows(database,
				"SELECT rotation_id, resource_id FROM rotation_event WHERE type = 'DEPENDENT_VERIFIED' "
						+ "GROUP BY rotation_id, resource_id HAVING count(*) > 1"))
			.as("dependents verified twice")
			.isEmpty();
		assertThat(Replicas.count(database,
				"SELECT count(*) FROM rotation_dependent WHERE state = 'VERIFIED' AND after_kid IS NOT NULL"))
			.isEqualTo(KEYS * (WORKSPACES + 1));
		assertThat(Replicas.count(database, "SELECT count(*) FROM rotation_key_version WHERE source = 'WARDEN'"))
			.as("versions recorded as created here")
			.isEqualTo(KEYS);

		// Scans ran alongside; the ledger holds each finding once.
		long scans = Replicas.count(database, "SELECT count(*) FROM scan WHERE state = 'SUCCEEDED'");
		figures.put("scansSucceeded", scans);
		assertThat(scans).as("scans that ran alongside").isPositive();
		assertThat(Replicas.rows(database, "SELECT fingerprint FROM finding GROUP BY fingerprint HAVING count(*) > 1"))
			.as("duplicated findings")
			.isEmpty();
		figures.put("findings", Replicas.count(database, "SELECT count(*) FROM finding"));
		figures.put("rotations", KEYS);
		Replicas.record("multi-replica-rotations", figures);
		System.out.println("multi-replica-rotations " + figures);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OwnSimulator {

		@Bean
		@Primary
		HttpClient rotationReplicasSimulatorHttpClient() {
			return Replicas.httpClient(SIMULATOR, Duration.ofSeconds(10));
		}

	}

}
