package io.amlwarden.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.amlwarden.simulator.TenantFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Near-expiry notices (each threshold once per key version), out-of-band versions and the
 * native rotation policy push, against the simulator.
 */
class KeyWatchTests extends OneStackRotationTest {

	private static final String SUB = "00000000-0000-4000-8000-0000000000d2";

	// The fixture's key version expires 335 days after the clock's "now" (created 30 days
	// ago, 1 y).
	private TenantFixture.Stack start(String name) {
		return startStack(SUB, name, 1, 1);
	}

	@Test
	void nearExpiryNoticesFireOncePerThresholdAndVersion() {
		TenantFixture.Stack stack = start("ne" + System.nanoTime() % 100000);
		RotationHarness.Replica replica = this.harness.replica();
		replica.policy(new PolicyRequest("notify", stack.vaultId, "cmk", null, "P300D", null, null, null,
				List.of("P30D", "P7D"), null, null, false));
		Instant expires = Instant
			.ofEpochSecond((Long) ((Map<?, ?>) ((List<?>) stack.key.get("versions")).get(0)).get("exp"));

		this.clock.set(expires.minus(Duration.ofDays(20)));
		replica.watch.scan();
		replica.watch.scan();
		assertThat(nearExpiry()).hasSize(1).allSatisfy((n) -> assertThat(n.data().get("threshold")).isEqualTo("P30D"));

		this.clock.set(expires.minus(Duration.ofDays(5)));
		replica.watch.scan();
		this.harness.replica().watch.scan();
		assertThat(nearExpiry()).hasSize(2);
		assertThat(nearExpiry().get(1).data().get("threshold")).isEqualTo("P7D");
	}

	@Test
	void aVersionCreatedOutsideWardenIsRecordedAndCarriedToTheDependents() {
		TenantFixture.Stack stack = start("ob" + System.nanoTime() % 100000);
		RotationHarness.Replica replica = this.harness.replica();
		PolicyView policy = replica.policy(new PolicyRequest("native", stack.vaultId, "cmk", null, "P60D", "P365D",
				null, null, null, null, true, null));
		// The policy was pushed into Key Vault's own rotation policy.
		assertThat(this.simulator.rotationPolicy(stack.vaultId, "cmk").toString()).contains("P60D").contains("P365D");
		assertThat(policy.nextDueAt()).isNull();
		replica.watch.scan();
		assertThat(this.harness.count("SELECT count(*) FROM rotation")).isZero();

		// Key Vault's native policy (or a person) creates a version.
		String version = replica.azure.cmk().rotate(stack.vaultUri, "cmk").value().version();
		replica.watch.scan();
		replica.worker.drain();

		List<java.util.UUID> ids = this.harness.jdbc.queryForList("SELECT id FROM rotation", java.util.UUID.class);
		assertThat(ids).hasSize(1);
		RotationView rotation = replica.rotations.get(ids.get(0));
		assertThat(rotation.trigger()).isEqualTo(Rotation.Trigger.OUT_OF_BAND);
		assertThat(rotation.status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(rotation.toVersion()).isEqualTo(version);
		assertThat(rotation.dependents()).allSatisfy((d) -> assertThat(d.after()).endsWith(version));
		assertThat(this.simulator.count("keyvault", "POST", "rotate")).isOne();
		assertThat(this.harness.notices).extracting(RotationHarness.Notice::type).contains("key.out-of-band-version");
		// Seen once: a second scan records nothing new.
		replica.watch.scan();
		assertThat(this.harness.count("SELECT count(*) FROM rotation")).isOne();
	}

	private List<RotationHarness.Notice> nearExpiry() {
		return this.harness.notices.stream().filter((n) -> n.type().equals("key.near-expiry")).toList();
	}

}
