package io.amlwarden.rotation;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.scans.InventoryStore;
import io.amlwarden.scans.StoredKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where plans find dependents: in the inventory the scans stored, when every subscription
 * concerned was collected within {@code inventory-max-age}, without collecting again;
 * otherwise by collecting. Either way each dependent is read live, and preflight re-plans
 * when Azure no longer matches the plan.
 */
class RotationInventorySourceTests extends OneStackRotationTest {

	private static final String SUB = "00000000-0000-4000-8000-0000000000a9";

	@BeforeEach
	void start() throws Exception {
		startOneStack(SUB, "iv");
		InventoryStore store = inventoryStore(this.harness.dataSource);
		this.harness.storedInventory = store::keyUsers;
		this.replica = this.harness.replica();
		// What a scan does: collect the subscription and store its workspaces.
		TenantSnapshot scanned = this.replica.azure.collector().collect(InventoryScope.subscriptions(List.of(SUB)));
		store.save(scanned, UUID.randomUUID());
		this.simulator.resetCounts();
	}

	@Test
	void aRecentStoredInventoryIsUsedWithoutCollectingAgain() {
		PlanView plan = plan();

		assertThat(plan.blocked()).as("blockers %s", plan.blockers()).isFalse();
		assertThat(plan.dependents()).extracting(PlanView.PlannedDependent::resourceId)
			.containsExactlyInAnyOrder(this.stack.workspaceId, this.stack.workspaceId + "-2", this.stack.storageId);
		assertThat(plan.checks()).anySatisfy((c) -> assertThat(c).contains("the inventory stored by the scans"));
		assertThat(this.simulator.count("graph", "POST", "resources")).as("Resource Graph queries").isZero();
		// ... and yet every dependent was read live.
		assertThat(this.simulator.count("arm", "GET", "workspaces/{name}")).isEqualTo(2);
		assertThat(this.simulator.count("arm", "GET", "storageaccounts/{name}")).isOne();
	}

	@Test
	void aStoredInventoryOlderThanTheMaximumAgeIsReplacedByACollection() {
		this.clock.advance(this.harness.properties.inventoryMaxAge().plus(Duration.ofMinutes(1)));

		PlanView plan = plan();

		assertThat(plan.checks()).anySatisfy((c) -> assertThat(c).contains("an inventory collected for rotation"));
		assertThat(this.simulator.count("graph", "POST", "resources")).as("Resource Graph queries").isPositive();
		assertThat(plan.dependents()).hasSize(3);
	}

	@Test
	@SuppressWarnings("unchecked")
	void preflightReadsAzureAgainAndReplansWhenADependentNoLongerUsesTheKey() {
		this.replica.policy(RotationFixtures.keyPolicy(this.stack, "P7D"));
		assertThat(this.replica.scheduler.planDue(10)).isOne();
		// After the plan, and before the rotation runs, the second workspace moves to
		// another key; the stored inventory still says it uses this one.
		String other = this.stack.vaultUri + "/keys/other/0123456789abcdef0123456789abcdef";
		this.simulator.updateResource(this.stack.workspaceId + "-2", (workspace) -> {
			Map<String, Object> properties = (Map<String, Object>) workspace.get("properties");
			Map<String, Object> encryption = (Map<String, Object>) properties.get("encryption");
			((Map<String, Object>) encryption.get("keyVaultProperties")).put("keyIdentifier", other);
		});

		this.replica.worker.drain();

		List<UUID> ids = this.harness.jdbc.queryForList("SELECT id FROM rotation", UUID.class);
		assertThat(ids).hasSize(1);
		RotationView view = this.replica.rotations.get(ids.get(0));
		assertThat(view.status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(view.events()).filteredOn((e) -> e.type().equals("REPLANNED"))
			.singleElement()
			.satisfies((e) -> assertThat(e.detail()).contains("dependents changed from 3 to 2"));
		assertThat(view.dependents()).extracting(RotationView.Dependent::resourceId)
			.containsExactlyInAnyOrder(this.stack.workspaceId, this.stack.storageId);
		assertThat(this.simulator.count("arm", "PATCH", "workspaces/{name}")).as("only the first workspace").isOne();
		Map<String, Object> moved = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) this.simulator
			.resource(this.stack.workspaceId + "-2")
			.get("properties")).get("encryption")).get("keyVaultProperties");
		assertThat(moved.get("keyIdentifier")).as("the workspace that left the key is untouched").isEqualTo(other);
	}

	private PlanView plan() {
		return this.replica.tx
			.execute((s) -> this.replica.plans.planOnDemand(this.stack.vaultId, "cmk", null, "operator-1"));
	}

	/** The production store, which has no public constructor (Spring builds it). */
	private static InventoryStore inventoryStore(DataSource dataSource) throws Exception {
		Constructor<InventoryStore> constructor = InventoryStore.class.getDeclaredConstructor(DataSource.class,
				JsonMapper.class, StoredKeys.class);
		constructor.setAccessible(true);
		JsonMapper json = JsonMapper.builder().build();
		return constructor.newInstance(dataSource, json, new StoredKeys(dataSource, json));
	}

}
