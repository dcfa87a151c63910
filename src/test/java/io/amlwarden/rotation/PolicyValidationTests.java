package io.amlwarden.rotation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

import io.amlwarden.api.ApiException;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Policy validation mirrors Key Vault's rules and names each problem with a stable code.
 */
class PolicyValidationTests {

	private static final String SUB = "00000000-0000-4000-8000-0000000000d3";

	private static AzureSimulator simulator;

	private static RotationHarness harness;

	private static TenantFixture.Stack stack;

	private static RotationHarness.Replica replica;

	@BeforeAll
	static void start() {
		TenantFixture fixture = RotationFixtures.tenant(SUB);
		stack = RotationFixtures.stack(fixture, SUB, "pv" + System.nanoTime() % 100000, 1, true);
		simulator = AzureSimulator.start(fixture.toJson());
		harness = RotationHarness.start(simulator, new MutableClock(Instant.now()), RotationHarness.fastProperties());
		replica = harness.replica();
	}

	@AfterAll
	static void stop() {
		harness.close();
		simulator.close();
	}

	@Test
	void invalidDurationsAreRejected() {
		assertCode(request("90 days", null, null), "invalid-duration");
		assertCode(request("P3M", null, null), "ambiguous-duration");
		assertCode(request("PT90M", null, null), "period-too-short");
	}

	@Test
	void periodsUnderSevenDaysAndShortExpiriesAreRejected() {
		assertCode(request("P6D", null, null), "period-too-short");
		assertCode(request("P7D", "P27D", null), "expiry-too-short");
		assertCode(request("P90D", "P95D", null), "period-too-close-to-expiry");
	}

	@Test
	void windowsThatNeverOpenAreRejected() {
		assertCode(request("P30D", null, new PolicyRequest.Window(List.of(), 2, 4)), "window-never-opens");
		assertCode(request("P30D", null, new PolicyRequest.Window(null, 3, 3)), "window-never-opens");
		assertCode(request("P30D", null, new PolicyRequest.Window(List.of(DayOfWeek.MONDAY), 3, null)),
				"invalid-window");
	}

	@Test
	void unknownVaultsAndKeysAreRejected() {
		String unknownVault = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kvnone";
		assertCode(new PolicyRequest("x", unknownVault, "cmk", null, "P30D", null, null, null, null, null, null, null),
				"unknown-vault");
		assertCode(
				new PolicyRequest("x", stack.vaultId, "nokey", null, "P30D", null, null, null, null, null, null, null),
				"unknown-key");
		assertCode(new PolicyRequest("x", stack.vaultId, null, null, "P30D", null, null, null, null, null, null, null),
				"invalid-target");
	}

	@Test
	void aValidPolicyShowsItsNextDueTimeAndWhy() {
		PolicyView view = replica.policy(new PolicyRequest("ok", null, null, stack.workspaceId, "P30D", "P365D",
				new PolicyRequest.Window(List.of(DayOfWeek.SATURDAY), 1, 5), null, null, true, null, null));
		assertThat(view.target().kind()).isEqualTo(Policy.TargetKind.WORKSPACE);
		assertThat(view.target().keyName()).isEqualTo("cmk");
		assertThat(view.nextDueAt()).isNotNull();
		assertThat(view.nextDueAt().atZone(java.time.ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
		assertThat(view.nextDueReason()).contains("P30D").contains("SAT 01:00-05:00 UTC");
		assertThat(view.notifyBefore()).containsExactly("P30D", "P14D", "P7D", "P1D");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> replica.policy(RotationFixtures.keyPolicy(stack, "P30D")))
			.satisfies((ex) -> assertThat(ex.problemType().status().value()).isEqualTo(409));
	}

	private static PolicyRequest request(String period, String expiry, PolicyRequest.Window window) {
		return new PolicyRequest("p", stack.vaultId, "cmk", null, period, expiry, window, null, null, null, null, null);
	}

	private static void assertCode(PolicyRequest request, String code) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> replica.policy(request)).satisfies((ex) -> {
			assertThat(ex.problemType().status().is4xxClientError()).isTrue();
			assertThat(ex.properties().get("errors").toString()).contains(code);
		});
	}

}
