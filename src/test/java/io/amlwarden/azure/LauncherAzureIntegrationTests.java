package io.amlwarden.azure;

import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.simulator.DemoTenant;
import io.amlwarden.support.SimulatedAzure;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as the local launcher wires it: the Spring-built Azure clients (credential,
 * cloud profile, retries) reach the demo tenant through the simulator and collect it
 * completely.
 */
@WardenIntegrationTest
class LauncherAzureIntegrationTests {

	@Autowired
	AzureProperties properties;

	@Autowired
	InventoryCollector collector;

	@Test
	void collectsTheDemoTenantWithoutReadFailures() {
		assertThat(this.properties.live()).isFalse();
		assertThat(this.properties.subscriptions()).containsExactlyElementsOf(DemoTenant.SUBSCRIPTIONS);
		long logins = SimulatedAzure.shared().count("login");

		TenantSnapshot snapshot = this.collector.collect(InventoryScope.subscriptions(this.properties.subscriptions()));

		assertThat(snapshot.readFailures()).isEmpty();
		assertThat(snapshot.workspaces()).hasSize(13);
		assertThat(snapshot.principals()).isNotEmpty();
		assertThat(snapshot.stats().armRequests()).isPositive();
		assertThat(snapshot.stats().graphRequests()).isPositive();
		// The real credential fetched its tokens from the simulator's token endpoint.
		assertThat(SimulatedAzure.shared().count("login")).isGreaterThanOrEqualTo(logins);
		assertThat(SimulatedAzure.shared().count("login")).isPositive();
	}

}
