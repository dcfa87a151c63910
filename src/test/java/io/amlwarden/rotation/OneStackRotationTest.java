package io.amlwarden.rotation;

import java.time.Instant;

import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.MutableClock;
import org.junit.jupiter.api.AfterEach;

/**
 * Plan-level rotation tests over one stack (a key used by two workspaces and a pinned
 * storage account) in a simulator of the test's own, with a harness on the fast
 * properties; stopped after each test.
 */
abstract class OneStackRotationTest {

	final MutableClock clock = new MutableClock(Instant.now());

	AzureSimulator simulator;

	RotationHarness harness;

	TenantFixture.Stack stack;

	RotationHarness.Replica replica;

	/** Starts the simulator and the harness; the subclass adds its replica. */
	void startOneStack(String subscription, String namePrefix) {
		TenantFixture fixture = RotationFixtures.tenant(subscription);
		this.stack = RotationFixtures.stack(fixture, subscription, namePrefix + System.nanoTime() % 100000, 2, true);
		this.simulator = AzureSimulator.start(fixture.toJson()).longRunning(1, 0);
		this.harness = RotationHarness.start(this.simulator, this.clock, RotationHarness.fastProperties());
	}

	@AfterEach
	void stopOneStack() {
		this.harness.close();
		this.simulator.close();
	}

}
