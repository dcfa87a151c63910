package io.amlwarden.posture;

import java.time.Instant;
import java.util.List;

import io.amlwarden.azure.SimulatorInventory;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.Fault;
import io.amlwarden.simulator.TenantFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks against snapshots the real collector produced from the Azure simulator: the
 * properties they judge are the ones the collector reads, and a denied read reaches them
 * as UNKNOWN.
 */
class CollectedSnapshotTests {

	private static final String SUBSCRIPTION = "00000000-0000-4000-8000-00000000000a";

	private AzureSimulator simulator;

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	@Test
	void everyCheckFindsWhatItNeedsInACollectedSnapshot() {
		TenantSnapshot snapshot = collect();

		Evaluation evaluation = Catalogue.evaluator().evaluate(snapshot, Profile.REGULATED);

		assertThat(snapshot.readFailures()).isEmpty();
		assertThat(evaluation.results()).isNotEmpty().filteredOn((r) -> r.status() == CheckStatus.UNKNOWN).isEmpty();
		assertThat(evaluation.results()).filteredOn((r) -> r.checkId().equals("aml-ws-cmk-key-healthy"))
			.singleElement()
			.satisfies((r) -> assertThat(r.status()).isEqualTo(CheckStatus.PASS));
	}

	@Test
	void deniedKeyListingReachesTheKeyChecksAsUnknown() {
		TenantSnapshot snapshot = collect(Fault.status("arm GET keys", 403, Integer.MAX_VALUE));

		Evaluation evaluation = Catalogue.evaluator().evaluate(snapshot, Profile.REGULATED);

		List<CheckResult> keyResults = evaluation.results()
			.stream()
			.filter((r) -> r.checkId().startsWith("kv-key-") || r.checkId().equals("aml-ws-cmk-key-healthy"))
			.toList();
		assertThat(keyResults).hasSize(7).allSatisfy((r) -> {
			assertThat(r.status()).isEqualTo(CheckStatus.UNKNOWN);
			assertThat(r.detail()).contains("access was denied");
			assertThat(r.workspaceIds()).hasSize(1);
		});
	}

	private TenantSnapshot collect(Fault... faults) {
		TenantFixture fixture = new TenantFixture("72f988bf-0000-4000-8000-000000000001", Instant.now())
			.subscription(SUBSCRIPTION);
		TenantFixture.Stack stack = fixture.stack(SUBSCRIPTION, "rg-ml", "ws1", null);
		// The workspace's App Insights sends to this Log Analytics workspace.
		fixture.logAnalytics(stack.logAnalyticsId, true, "Disabled");
		this.simulator = AzureSimulator.start(fixture.toJson());
		for (Fault fault : faults) {
			this.simulator.fault(fault);
		}
		return SimulatorInventory.collector(this.simulator, 1, 4)
			.collect(InventoryScope.subscriptions(List.of(SUBSCRIPTION)));
	}

}
