package io.amlwarden.rotation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.Fault;
import io.amlwarden.simulator.TenantFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The acceptance scenarios against the simulator, through the real SDK clients,
 * on a PostgreSQL database of their own: scheduled rotation carried to two workspaces and
 * a pinned storage account; throttling and server errors during propagation; a permanent
 * PATCH failure; exactly-once with two scheduler instances; crash recovery before and
 * after Key Vault created the version; deferral on a read-only vault.
 */
class RotationExecutionTests extends OneStackRotationTest {

	private static final String SUB = "00000000-0000-4000-8000-0000000000d1";

	private TenantFixture.Stack start(String name) {
		return startStack(SUB, name, 2, 2);
	}

	@Test
	void scheduledRotationReachesTwoWorkspacesAndAPinnedStorageAccountAndEndsVerified() {
		TenantFixture.Stack stack = start("ws" + suffix());
		RotationHarness.Replica replica = this.harness.replica();
		String oldVersion = RotationFixtures.currentVersion(stack);
		PolicyView policy = replica.policy(RotationFixtures.keyPolicy(stack, "P7D"));
		assertThat(policy.nextDueAt()).isBefore(this.clock.instant());

		assertThat(replica.scheduler.planDue(10)).isOne();
		replica.worker.drain();

		Rotation rotation = only(replica);
		assertThat(rotation.status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(rotation.plan().trigger()).isEqualTo(Rotation.Trigger.SCHEDULED);
		assertThat(rotation.key().fromVersion()).isEqualTo(oldVersion);
		String newKid = rotation.key().toKid();
		assertThat(newKid).startsWith(stack.vaultUri + "/keys/cmk/").doesNotEndWith(oldVersion);
		for (String workspace : RotationFixtures.workspaceIds(stack, 2)) {
			assertThat(keyIdentifier(workspace)).isEqualTo(newKid);
		}
		assertThat(storageKv(stack).get("keyversion")).isEqualTo(rotation.key().toVersion());
		assertThat(this.simulator.count("keyvault", "POST", "rotate")).isOne();
		// The new version carries the rotation's id, so that crash recovery can tell it
		// from a version someone else creates.
		assertThat(this.simulator.keyVersionTags(stack.vaultId, "cmk", rotation.key().toVersion()))
			.containsEntry(KeyCreationStep.MARKER_TAG, rotation.id().toString());
		assertThat(this.simulator.keyVersionTags(stack.vaultId, "cmk", oldVersion))
			.doesNotContainKey(KeyCreationStep.MARKER_TAG);
		// The previous version is never disabled.
		assertThat(this.simulator.keyVersions(stack.vaultId, "cmk")).contains(oldVersion, rotation.key().toVersion());
		RotationView view = replica.rotations.get(rotation.id());
		assertThat(view.dependents()).hasSize(3).allSatisfy((d) -> {
			assertThat(d.state()).isEqualTo("VERIFIED");
			assertThat(d.after()).isEqualTo(newKid);
		});
		assertThat(view.events()).extracting(RotationView.Event::type)
			.containsSubsequence("CREATED", "STARTED", "PREFLIGHT_PASSED", "ROTATE_REQUESTED", "KEY_ROTATED",
					"DEPENDENT_VERIFIED", "VERIFIED");
		assertThat(view.events()).filteredOn((e) -> e.type().equals("KEY_ROTATED"))
			.singleElement()
			.satisfies((e) -> assertThat(e.azureRequestIds()).isNotEmpty());
		assertThat(this.harness.notices).extracting(RotationHarness.Notice::type).contains("rotation.succeeded");
		// The schedule restarts from the new version.
		assertThat(replica.policies.get(policy.id()).nextDueAt())
			.isAfter(this.clock.instant().plus(Duration.ofDays(6)));
	}

	@Test
	void throttlingAndServerErrorsDuringPropagationAreRetriedAndTheRotationCompletes() {
		TenantFixture.Stack stack = start("th" + suffix());
		RotationHarness.Replica replica = this.harness.replica();
		replica.policy(RotationFixtures.keyPolicy(stack, "P7D"));
		this.simulator.fault(Fault.throttle("arm PATCH workspaces", 0, 1))
			.fault(Fault.status("arm GET workspaceoperationsstatus", 503, 1))
			.fault(Fault.status("arm PATCH storageaccounts", 503, 1));

		replica.scheduler.planDue(10);
		replica.worker.drain();

		Rotation rotation = only(replica);
		assertThat(rotation.status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(this.simulator.count("arm", "PATCH", "workspaces/{name}")).isEqualTo(3);
		assertThat(this.simulator.count("arm", "PATCH", "storageaccounts/{name}")).isEqualTo(2);
		for (String workspace : RotationFixtures.workspaceIds(stack, 2)) {
			assertThat(keyIdentifier(workspace)).isEqualTo(rotation.key().toKid());
		}
	}

	@Test
	void aPermanentPatchFailureFailsTheRotationNamingTheDependentWithNothingHalfRecorded() {
		TenantFixture.Stack stack = start("pf" + suffix());
		RotationHarness.Replica replica = this.harness.replica();
		replica.policy(RotationFixtures.keyPolicy(stack, "P7D"));
		// The first workspace (in id order) refuses the update.
		this.simulator.fault(Fault.error("arm PATCH workspaces", 400, "InvalidKeyVaultProperties",
				"The key vault key is not accessible by the workspace identity", 1));

		replica.scheduler.planDue(10);
		replica.worker.drain();

		Rotation rotation = only(replica);
		assertThat(rotation.status()).isEqualTo(Rotation.Status.FAILED);
		assertThat(rotation.outcome().error()).contains(stack.workspaceId).contains("InvalidKeyVaultProperties");
		assertThat(rotation.outcome().finishedAt()).isNotNull();
		assertThat(rotation.progress().lockToken()).isNull();
		RotationView view = replica.rotations.get(rotation.id());
		assertThat(view.dependents()).filteredOn((d) -> d.state().equals("FAILED")).singleElement().satisfies((d) -> {
			assertThat(d.resourceId()).isEqualTo(stack.workspaceId);
			assertThat(d.after()).isNull();
			assertThat(d.error()).contains("HTTP 400");
		});
		// The failed workspace still uses the old, still enabled, version; the others
		// moved.
		assertThat(keyIdentifier(stack.workspaceId)).endsWith(rotation.key().fromVersion());
		assertThat(keyIdentifier(stack.workspaceId + "-2")).isEqualTo(rotation.key().toKid());
		assertThat(view.events()).extracting(RotationView.Event::type)
			.contains("DEPENDENT_FAILED", "DEPENDENTS_FAILED");
		assertThat(this.harness.count("SELECT count(*) FROM rotation WHERE status IN ('PLANNED', 'APPROVED', "
				+ "'RUNNING', 'PROPAGATING', 'DEFERRED')"))
			.isZero();
		assertThat(this.harness.notices).extracting(RotationHarness.Notice::type).contains("rotation.failed");
	}

	@Test
	void aWorkerKilledBetweenRotateAndPatchLeavesWorkAnotherCompletesOnce() {
		TenantFixture.Stack stack = start("cr" + suffix());
		RotationHarness.Replica first = this.harness.replica();
		first.policy(RotationFixtures.keyPolicy(stack, "P7D"));
		first.scheduler.planDue(10);
		Rotation claimed = claimOne(first);
		UUID token = claimed.progress().lockToken();
		Rotation preflighted = first.preflight.run(claimed, token);
		Rotation rotated = first.keyCreation.run(preflighted, token);
		assertThat(rotated.step()).isEqualTo(Rotation.Step.PROPAGATING);
		// The first worker dies here: its lease stays until it lapses.
		assertThat(this.simulator.count("arm", "PATCH", "workspaces/{name}")).isZero();
		RotationHarness.Replica second = this.harness.replica();
		assertThat(second.worker.drain()).as("the lease still holds").isZero();
		this.clock.advance(this.harness.properties.lease().plusSeconds(1));

		second.worker.drain();

		Rotation done = only(second);
		assertThat(done.status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(done.key().toVersion()).isEqualTo(rotated.key().toVersion());
		assertThat(this.simulator.count("keyvault", "POST", "rotate")).isOne();
		assertThat(this.simulator.keyVersions(stack.vaultId, "cmk")).hasSize(2);
		assertThat(this.simulator.count("arm", "PATCH", "workspaces/{name}")).isEqualTo(2);
		// The dead worker, were it to wake up, can no longer touch the rotation.
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> first.propagation.run(rotated, token))
			.isInstanceOf(RotationRecorder.LeaseLost.class);
	}

	@Test
	void aWorkerKilledAfterKeyVaultCreatedAndMarkedTheVersionIsResumedByAdoptingIt() {
		TenantFixture.Stack stack = start("ad" + suffix());
		RotationHarness.Replica first = this.harness.replica();
		Rotation recorded = preflightAndRecordTheRotateCall(first, stack);
		// Key Vault created the version and it was marked, but the worker died before
		// recording it.
		String version = first.azure.cmk().rotate(stack.vaultUri, "cmk").value().version();
		first.azure.cmk()
			.tagVersion(stack.vaultUri, "cmk", version, KeyCreationStep.MARKER_TAG, recorded.id().toString());
		this.clock.advance(this.harness.properties.lease().plusSeconds(1));

		this.harness.replica().worker.drain();

		Rotation done = only(first);
		assertThat(done.status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(done.key().toVersion()).isEqualTo(version);
		assertThat(this.simulator.count("keyvault", "POST", "rotate")).isOne();
		assertThat(this.simulator.keyVersions(stack.vaultId, "cmk")).hasSize(2).endsWith(version);
		assertThat(first.rotations.get(done.id()).events()).filteredOn((e) -> e.type().equals("VERSION_ADOPTED"))
			.singleElement()
			.satisfies((e) -> assertThat(e.detail()).contains("marked with this rotation's id"));
		assertThat(first.rotations.get(done.id()).events()).extracting(RotationView.Event::type)
			.doesNotContain("KEY_ROTATED", "OUT_OF_BAND_VERSION");
	}

	@Test
	void aWorkerKilledBetweenRotateAndMarkingIsResumedByAdoptingAndMarkingTheVersion() {
		TenantFixture.Stack stack = start("um" + suffix());
		RotationHarness.Replica first = this.harness.replica();
		Rotation recorded = preflightAndRecordTheRotateCall(first, stack);
		// Key Vault created the version; the worker died before it could tag it.
		String version = first.azure.cmk().rotate(stack.vaultUri, "cmk").value().version();
		assertThat(this.simulator.keyVersionTags(stack.vaultId, "cmk", version))
			.doesNotContainKey(KeyCreationStep.MARKER_TAG);
		this.clock.advance(this.harness.properties.lease().plusSeconds(1));

		this.harness.replica().worker.drain();

		Rotation done = only(first);
		assertThat(done.status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(done.key().toVersion()).isEqualTo(version);
		assertThat(this.simulator.count("keyvault", "POST", "rotate")).isOne();
		assertThat(this.simulator.keyVersionTags(stack.vaultId, "cmk", version))
			.containsEntry(KeyCreationStep.MARKER_TAG, recorded.id().toString());
		assertThat(first.rotations.get(done.id()).events()).filteredOn((e) -> e.type().equals("VERSION_ADOPTED"))
			.singleElement()
			.satisfies((e) -> assertThat(e.detail()).contains("before it could mark"));
	}

	@Test
	void aVersionSomeoneElseCreatedAfterPreflightIsOutOfBandAndNotAdopted() {
		TenantFixture.Stack stack = start("ob" + suffix());
		RotationHarness.Replica first = this.harness.replica();
		first.policy(RotationFixtures.keyPolicy(stack, "P7D"));
		first.scheduler.planDue(10);
		Rotation claimed = claimOne(first);
		Rotation preflighted = first.preflight.run(claimed, claimed.progress().lockToken());
		assertThat(preflighted.step()).isEqualTo(Rotation.Step.ROTATING);
		// The worker dies after preflight, before it asked Key Vault; meanwhile a person
		// rotates the key by hand.
		String theirs = first.azure.cmk().rotate(stack.vaultUri, "cmk").value().version();
		this.clock.advance(this.harness.properties.lease().plusSeconds(1));

		this.harness.replica().worker.drain();

		Rotation done = only(first);
		assertThat(done.status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(done.key().toVersion()).isNotEqualTo(theirs).isNotEqualTo(done.key().fromVersion());
		assertThat(this.simulator.count("keyvault", "POST", "rotate")).as("theirs and ours").isEqualTo(2);
		assertThat(this.simulator.keyVersions(stack.vaultId, "cmk")).hasSize(3).endsWith(done.key().toVersion());
		assertThat(this.simulator.keyVersionTags(stack.vaultId, "cmk", done.key().toVersion()))
			.containsEntry(KeyCreationStep.MARKER_TAG, done.id().toString());
		assertThat(this.simulator.keyVersionTags(stack.vaultId, "cmk", theirs))
			.doesNotContainKey(KeyCreationStep.MARKER_TAG);
		assertThat(this.harness.jdbc.queryForObject(
				"SELECT source FROM rotation_key_version WHERE key_id = ? AND version = ?", String.class,
				done.key().keyId(), theirs))
			.isEqualTo("OUT_OF_BAND");
		assertThat(first.rotations.get(done.id()).events()).extracting(RotationView.Event::type)
			.containsSubsequence("OUT_OF_BAND_VERSION", "ROTATE_REQUESTED", "KEY_ROTATED")
			.doesNotContain("VERSION_ADOPTED");
		for (String workspace : RotationFixtures.workspaceIds(stack, 2)) {
			assertThat(keyIdentifier(workspace)).isEqualTo(done.key().toKid());
		}
		assertThat(this.harness.notices).filteredOn((n) -> n.type().equals("key.out-of-band-version"))
			.singleElement()
			.satisfies((n) -> assertThat(n.data().get("version")).isEqualTo(theirs));
	}

	private Rotation preflightAndRecordTheRotateCall(RotationHarness.Replica replica, TenantFixture.Stack stack) {
		replica.policy(RotationFixtures.keyPolicy(stack, "P7D"));
		replica.scheduler.planDue(10);
		Rotation claimed = claimOne(replica);
		Rotation preflighted = replica.preflight.run(claimed, claimed.progress().lockToken());
		assertThat(preflighted.step()).isEqualTo(Rotation.Step.ROTATING);
		Rotation recorded = replica.keyCreation.recordRotateCall(preflighted, claimed.progress().lockToken());
		assertThat(recorded.progress().rotateRequestedAt()).isNotNull();
		return recorded;
	}

	@Test
	void aReadOnlyVaultDefersTheRotationWhichCompletesLater() {
		TenantFixture.Stack stack = start("ro" + suffix());
		RotationHarness.Replica replica = this.harness.replica();
		replica.policy(RotationFixtures.keyPolicy(stack, "P7D"));
		this.simulator.fault(Fault.error("keyvault POST rotate", 403, "Forbidden",
				"Operation 'rotate' is not allowed: the vault is read-only during a regional failover", 1));

		replica.scheduler.planDue(10);
		replica.worker.drain();

		Rotation deferred = only(replica);
		assertThat(deferred.status()).isEqualTo(Rotation.Status.DEFERRED);
		assertThat(deferred.progress().nextAttemptAt()).isAfter(this.clock.instant());
		assertThat(this.harness.notices).extracting(RotationHarness.Notice::type).contains("rotation.deferred");
		// Nothing may start another rotation of the key meanwhile.
		assertThat(replica.scheduler.planDue(10)).isZero();

		this.clock.advance(this.harness.properties.deferMax());
		replica.worker.drain();

		assertThat(only(replica).status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(this.simulator.count("keyvault", "POST", "rotate")).isEqualTo(2);
		assertThat(this.simulator.keyVersions(stack.vaultId, "cmk")).hasSize(2);
	}

	@Test
	void storageThatFollowsTheLatestVersionKeepsTheRotationPropagatingUntilItCatchesUp() {
		TenantFixture fixture = RotationFixtures.tenant(SUB);
		TenantFixture.Stack stack = RotationFixtures.stack(fixture, SUB, "au" + suffix(), 1, false);
		this.simulator = AzureSimulator.start(fixture.toJson()).longRunning(1, 0);
		this.harness = RotationHarness.start(this.simulator, this.clock, RotationHarness.fastProperties());
		RotationHarness.Replica replica = this.harness.replica();
		replica.policy(RotationFixtures.keyPolicy(stack, "P7D"));

		replica.scheduler.planDue(10);
		replica.worker.drain();
		assertThat(only(replica).status()).isEqualTo(Rotation.Status.PROPAGATING);
		this.clock.advance(Duration.ofHours(2));
		replica.worker.drain();
		assertThat(only(replica).status()).as("storage has not polled yet").isEqualTo(Rotation.Status.PROPAGATING);

		this.simulator.pollStorageKeys();
		this.clock.advance(Duration.ofHours(2));
		replica.worker.drain();

		Rotation done = only(replica);
		assertThat(done.status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(storageKv(stack).get("currentVersionedKeyIdentifier")).isEqualTo(done.key().toKid());
		assertThat(this.simulator.count("arm", "PATCH", "storageaccounts/{name}")).isZero();
	}

	@Test
	void exactlyOnceWithTwoSchedulerInstancesOverFiftyDuePolicies() throws Exception {
		TenantFixture fixture = RotationFixtures.tenant(SUB);
		List<TenantFixture.Stack> stacks = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			stacks.add(RotationFixtures.stack(fixture, SUB, String.format("eo%02d", i) + suffix(), 1, true));
		}
		this.simulator = AzureSimulator.start(fixture.toJson()).longRunning(1, 0);
		this.harness = RotationHarness.start(this.simulator, this.clock, RotationHarness.fastProperties());
		RotationHarness.Replica a = this.harness.replica();
		RotationHarness.Replica b = this.harness.replica();
		for (TenantFixture.Stack stack : stacks) {
			a.policy(RotationFixtures.keyPolicy(stack, "P7D"));
		}

		// Both instances plan and work at the same time, with no ShedLock between them:
		// only the database's row locks and constraints keep them apart.
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tick(a));
		CompletableFuture<Void> second = CompletableFuture.runAsync(() -> tick(b));
		first.get();
		second.get();
		tick(a);
		tick(b);

		assertThat(this.simulator.count("keyvault", "POST", "rotate")).isEqualTo(50);
		assertThat(this.harness.count("SELECT count(*) FROM rotation")).isEqualTo(50);
		assertThat(this.harness.count("SELECT count(*) FROM rotation WHERE status = 'VERIFIED'")).isEqualTo(50);
		for (TenantFixture.Stack stack : stacks) {
			assertThat(this.simulator.keyVersions(stack.vaultId, "cmk")).hasSize(2);
		}
		assertThat(this.harness.count("SELECT count(DISTINCT locked_by) FROM rotation")).isZero();
	}

	private static void tick(RotationHarness.Replica replica) {
		for (int i = 0; i < 3; i++) {
			replica.scheduler.planDue(100);
			replica.worker.drain();
		}
	}

	private Rotation claimOne(RotationHarness.Replica replica) {
		List<Rotation> claimed = replica.tx.execute((s) -> replica.store.claim(this.clock.instant(), "crashing-worker",
				this.harness.properties.lease(), 1));
		assertThat(claimed).hasSize(1);
		return claimed.get(0);
	}

	private Rotation only(RotationHarness.Replica replica) {
		List<UUID> ids = this.harness.jdbc.queryForList("SELECT id FROM rotation", UUID.class);
		assertThat(ids).hasSize(1);
		return replica.store.find(ids.get(0)).orElseThrow();
	}

	private String keyIdentifier(String workspaceId) {
		return RotationFixtures.keyIdentifier(this.simulator, workspaceId);
	}

	private Map<String, Object> storageKv(TenantFixture.Stack stack) {
		return RotationFixtures.storageKeyVault(this.simulator, stack.storageId);
	}

	private static String suffix() {
		return Long.toString(System.nanoTime() % 100000);
	}

}
