package io.amlwarden.azure;

import java.time.Instant;
import java.util.List;

import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.Fault;
import io.amlwarden.simulator.TenantFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real SDK clients (credential, Resource Graph, ARM, Microsoft Graph) through
 * the collector against the simulator.
 */
class InventoryCollectorContractTests {

	static final String TENANT = "72f988bf-0000-4000-8000-000000000001";

	static final String SUB_A = "00000000-0000-4000-8000-00000000000a";

	static final String SUB_B = "00000000-0000-4000-8000-00000000000b";

	private AzureSimulator simulator;

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	private TenantFixture fixture(int workspacesPerSubscription) {
		TenantFixture fixture = new TenantFixture(TENANT, Instant.now()).subscription(SUB_A).subscription(SUB_B);
		fixture.principal("aaaaaaaa-0000-4000-8000-000000000001", "user", "Ada Admin", "Member");
		fixture.deletedPrincipal("dddddddd-0000-4000-8000-000000000001", "user", "Gone User");
		for (String sub : List.of(SUB_A, SUB_B)) {
			for (int i = 0; i < workspacesPerSubscription; i++) {
				fixture.stack(sub, "rg-ml", "ws" + sub.substring(sub.length() - 1) + i, null);
			}
			fixture.roleAssignment("/subscriptions/" + sub, TenantFixture.OWNER, "aaaaaaaa-0000-4000-8000-000000000001",
					"User");
			fixture.roleAssignment("/subscriptions/" + sub + "/resourceGroups/rg-ml", TenantFixture.CONTRIBUTOR,
					"dddddddd-0000-4000-8000-000000000001", "User");
		}
		return fixture;
	}

	@Test
	void collectsWorkspacesAndLinkedResourcesThroughGraphAndArm() {
		this.simulator = AzureSimulator.start(fixture(3).toJson()).armPageSize(2);
		InventoryCollector collector = new InventoryCollector(SimulatorClients.clients(this.simulator));

		TenantSnapshot snapshot = collector.collect(InventoryScope.subscriptions(List.of(SUB_A, SUB_B)));

		assertThat(snapshot.readFailures()).isEmpty();
		assertThat(snapshot.workspaces()).hasSize(6);
		Workspace workspace = snapshot.workspaces().get(0);
		assertThat(workspace.encryption().isEnabled()).isTrue();
		assertThat(workspace.publicNetworkAccess()).isEqualTo("Disabled");
		assertThat(workspace.managedNetwork().isolationMode()).isEqualTo("AllowOnlyApprovedOutbound");
		assertThat(workspace.computes().isPresent()).isTrue();
		ReadResult<VaultKey> key = snapshot.keyByIdentifier(workspace.encryption().keyIdentifier());
		assertThat(key.isPresent()).isTrue();
		assertThat(key.value().rotationPolicy().value().rotatesAutomatically()).isTrue();
		assertThat(key.value().versions().value()).hasSize(1);
		assertThat(key.value().created()).isNotNull();
		assertThat(snapshot.vault(workspace.keyVaultId()).value().enablePurgeProtection()).isTrue();
		assertThat(snapshot.storageAccount(workspace.storageAccountId()).value().encryption().usesCustomerManagedKey())
			.isTrue();
		assertThat(snapshot.registry(workspace.containerRegistryId()).value().adminUserEnabled()).isFalse();
		assertThat(snapshot.monitoringResource(workspace.applicationInsightsId()).value().disableLocalAuth()).isTrue();
		assertThat(snapshot.diagnosticSettings(workspace.id()).value()).hasSize(1);
		assertThat(snapshot.diagnosticSettings(workspace.keyVaultId()).value().get(0).logs().get(0).categoryGroup())
			.isEqualTo("audit");
		assertThat(snapshot.roleAssignmentsAffecting(workspace.id())).hasSize(2);
		assertThat(snapshot.roleDefinition(TenantFixture.OWNER).value().roleName()).isEqualTo("Owner");
		assertThat(snapshot.principal("dddddddd-0000-4000-8000-000000000001").value().deleted()).isTrue();
		assertThat(snapshot.principal("aaaaaaaa-0000-4000-8000-000000000001").value().deleted()).isFalse();
		assertThat(snapshot.defenderPricings(SUB_A)).isNotEmpty();
		assertThat(this.simulator.count("login")).isPositive();
		// Role definitions come from Resource Graph with the assignments: no ARM list.
		assertThat(this.simulator.count("arm", "GET", "roledefinitions")).isZero();
	}

	@Test
	void pagesResourceGraphPastTheFirstPage() {
		this.simulator = AzureSimulator.start(fixture(4).toJson());
		AzureProperties.Limits small = new AzureProperties.Limits(java.time.Duration.ofSeconds(5),
				java.time.Duration.ofSeconds(10), 2, java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(2),
				8, 8, 2, 250, 25, 0, 200, 5);
		InventoryCollector collector = new InventoryCollector(SimulatorClients.clients(this.simulator,
				SimulatorClients.properties(this.simulator, small, new AzureProperties.Collect(false, false, false))));

		TenantSnapshot snapshot = collector.collect(InventoryScope.subscriptions(List.of(SUB_A, SUB_B)));

		assertThat(snapshot.workspaces()).hasSize(8);
		assertThat(snapshot.vaults()).hasSize(8);
		assertThat(this.simulator.count("graph", "POST", "resources")).isGreaterThan(3);
	}

	@Test
	void retriesAThrottledReadAfterRetryAfter() {
		this.simulator = AzureSimulator.start(fixture(1).toJson());
		this.simulator.fault(Fault.throttle("arm GET keys", 1, 1));
		InventoryCollector collector = new InventoryCollector(SimulatorClients.clients(this.simulator));

		long started = System.nanoTime();
		TenantSnapshot snapshot = collector.collect(InventoryScope.subscriptions(List.of(SUB_A)));

		assertThat(snapshot.readFailures()).isEmpty();
		assertThat(snapshot.keys()).hasSize(1);
		assertThat(snapshot.stats().throttledResponses()).isEqualTo(1);
		assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(900_000_000L);
	}

	@Test
	void marksAForbiddenVaultUnreadableAndCompletesTheRest() {
		TenantFixture fixture = fixture(2);
		this.simulator = AzureSimulator.start(fixture.toJson());
		TenantSnapshot first = new InventoryCollector(SimulatorClients.clients(this.simulator))
			.collect(InventoryScope.subscriptions(List.of(SUB_A)));
		String lockedVault = first.workspaces().get(0).keyVaultId();
		this.simulator.forbid(lockedVault);

		TenantSnapshot snapshot = new InventoryCollector(SimulatorClients.clients(this.simulator))
			.collect(InventoryScope.subscriptions(List.of(SUB_A)));

		assertThat(snapshot.vault(lockedVault).state()).isEqualTo(ReadResult.State.UNREADABLE);
		assertThat(snapshot.vault(lockedVault).failure().reason()).isEqualTo(ReadFailure.Reason.FORBIDDEN);
		assertThat(snapshot
			.keyByIdentifier(snapshot.workspace(first.workspaces().get(0).id()).value().encryption().keyIdentifier())
			.state()).isNotEqualTo(ReadResult.State.PRESENT);
		assertThat(snapshot.failuresFor(lockedVault)).extracting(ReadFailure::reason)
			.containsOnly(ReadFailure.Reason.FORBIDDEN);
		Workspace other = snapshot.workspaces().get(1);
		assertThat(snapshot.vault(other.keyVaultId()).isPresent()).isTrue();
		assertThat(snapshot.keyByIdentifier(other.encryption().keyIdentifier()).isPresent()).isTrue();
		assertThat(snapshot.partial()).isTrue();
	}

	@Test
	void fallsBackToArmListingWhenResourceGraphIsForbidden() {
		this.simulator = AzureSimulator.start(fixture(2).toJson()).armPageSize(1);
		this.simulator.fault(Fault.status("graph POST resources", 403, Integer.MAX_VALUE));
		InventoryCollector collector = new InventoryCollector(SimulatorClients.clients(this.simulator));

		TenantSnapshot snapshot = collector.collect(InventoryScope.subscriptions(List.of(SUB_A, SUB_B)));

		assertThat(snapshot.workspaces()).hasSize(4);
		assertThat(snapshot.readFailures()).isEmpty();
		assertThat(snapshot.workspaces().get(0).computes().isPresent()).isTrue();
		assertThat(snapshot.roleAssignments()).isNotEmpty();
		assertThat(this.simulator.count("arm", "GET", "workspaces")).isGreaterThanOrEqualTo(4);
		// Role definitions are listed through ARM too, past the first page (page size 1).
		assertThat(snapshot.roleDefinition(TenantFixture.OWNER).value().roleName()).isEqualTo("Owner");
		assertThat(this.simulator.count("arm", "GET", "roledefinitions")).isGreaterThan(2);
	}

	@Test
	void stopsAtTheRequestBudgetAndMarksTheSnapshotPartial() {
		this.simulator = AzureSimulator.start(fixture(3).toJson());
		InventoryCollector collector = new InventoryCollector(
				SimulatorClients.clients(this.simulator, SimulatorClients.properties(this.simulator,
						SimulatorClients.limits(0, 5), new AzureProperties.Collect(true, false, false))));

		TenantSnapshot snapshot = collector.collect(InventoryScope.subscriptions(List.of(SUB_A)));

		assertThat(snapshot.budgetExhausted()).isTrue();
		assertThat(snapshot.partial()).isTrue();
		assertThat(snapshot.readFailures()).extracting(ReadFailure::reason).contains(ReadFailure.Reason.SKIPPED);
		assertThat(snapshot.stats().armRequests()).isLessThanOrEqualTo(5);
		assertThat(snapshot.workspaces()).hasSize(3);
	}

}
