package io.amlwarden.rotation;

import java.time.Instant;

import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.MutableClock;
import org.junit.jupiter.api.AfterEach;

/**
 * Rotation tests over one stack (a key used by two workspaces and a pinned storage
 * account) in a simulator of the test's own, with a harness on the fast properties;
 * stopped after each test.
 */
abstract class OneStackRotationTest {

	final MutableClock clock = new MutableClock(Instant.now());

	AzureSimulator simulator;

	RotationHarness harness;

	TenantFixture.Stack stack;

	RotationHarness.Replica replica;

	/** Starts the simulator and the harness; the subclass adds its replica. */
	void startOneStack(String subscription, String namePrefix) {
		startStack(subscription, namePrefix + System.nanoTime() % 100000, 2, 1);
	}

	/**
	 * Starts a simulator holding one stack (a key used by {@code workspaces} workspaces
	 * and a pinned storage account) whose long-running PATCHes answer after
	 * {@code longRunningPolls} polls, and a harness on the fast properties.
	 */
	TenantFixture.Stack startStack(String subscription, String name, int workspaces, int longRunningPolls) {
		TenantFixture fixture = RotationFixtures.tenant(subscription);
		this.stack = RotationFixtures.stack(fixture, subscription, name, workspaces, true);
		this.simulator = AzureSimulator.start(fixture.toJson()).longRunning(longRunningPolls, 0);
		this.harness = RotationHarness.start(this.simulator, this.clock, RotationHarness.fastProperties());
		return this.stack;
	}

	@AfterEach
	void stopOneStack() {
		if (this.harness != null) {
			this.harness.close();
		}
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

}
