package io.amlwarden.azure;

import java.util.List;

import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.KeyUrls;
import io.amlwarden.inventory.OnlineEndpoint;
import io.amlwarden.inventory.Principal;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.DemoTenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo tenant, collected by the real clients: complete, and carrying the cases
 * {@code docs/demo-tenant.md} promises.
 */
class DemoTenantCollectionTests {

	private static AzureSimulator simulator;

	private static TenantSnapshot snapshot;

	@BeforeAll
	static void collect() {
		simulator = AzureSimulator.named("demo");
		snapshot = new InventoryCollector(SimulatorClients.clients(simulator))
			.collect(InventoryScope.subscriptions(DemoTenant.SUBSCRIPTIONS));
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	private static Workspace workspace(String name) {
		return snapshot.workspaces().stream().filter((w) -> w.name().equals(name)).findFirst().orElseThrow();
	}

	private static VaultKey cmk(String name) {
		Workspace workspace = workspace(name);
		return snapshot.keyByIdentifier(workspace.encryption().keyIdentifier()).value();
	}

	@Test
	void collectsEveryWorkspaceWithoutReadFailures() {
		assertThat(snapshot.readFailures()).isEmpty();
		assertThat(snapshot.partial()).isFalse();
		assertThat(snapshot.workspaces()).hasSize(13);
		assertThat(snapshot.workspaces()).extracting(Workspace::subscriptionId)
			.containsOnly(DemoTenant.PROD, DemoTenant.DEV, DemoTenant.RESEARCH);
	}

	@Test
	void coversWorkspaceCases() {
		Workspace gold = workspace("ws-gold");
		assertThat(gold.identity().hasUserAssigned()).isTrue();
		assertThat(gold.primaryUserAssignedIdentity()).isNotNull();
		assertThat(gold.computes().value()).extracting(Compute::remoteLoginPortPublicAccess).containsOnly("Disabled");
		assertThat(gold.onlineEndpoints().value()).extracting(OnlineEndpoint::authMode).containsExactly("AADToken");
		assertThat(workspace("ws-hub").isKind("hub")).isTrue();
		Workspace project = workspace("ws-project");
		assertThat(project.isKind("project")).isTrue();
		assertThat(project.encryption()).isNull();
		assertThat(project.keyVaultId()).isEqualTo(workspace("ws-hub").keyVaultId());
		Workspace elsewhere = workspace("ws-cmk-elsewhere");
		assertThat(KeyUrls.vaultUrl(elsewhere.encryption().keyIdentifier()))
			.isNotEqualTo(KeyUrls.vaultUrl(snapshot.vault(elsewhere.encryption().keyVaultArmId()).value().vaultUri()));
		Workspace open = workspace("ws-dev-open");
		assertThat(open.publicNetworkAccess()).isEqualTo("Enabled");
		assertThat(open.encryption()).isNull();
		assertThat(open.computes().value()).extracting(Compute::enableNodePublicIp).containsOnly(true);
		assertThat(open.computes().value()).extracting(Compute::remoteLoginPortPublicAccess).containsOnly("Enabled");
		assertThat(open.onlineEndpoints().value()).extracting(OnlineEndpoint::authMode).containsExactly("Key");
		assertThat(snapshot.diagnosticSettings(open.id()).value()).isEmpty();
		assertThat(workspace("ws-dev-internet").managedNetwork().isolationMode()).isEqualTo("AllowInternetOutbound");
		assertThat(workspace("ws-res-servicecmk").enableServiceSideCmkEncryption()).isTrue();
		Workspace legacy = workspace("ws-res-legacy");
		assertThat(legacy.kind()).isNull();
		assertThat(legacy.publicNetworkAccess()).isNull();
		assertThat(legacy.managedNetwork()).isNull();
	}

	@Test
	void coversVaultKeyAndStorageCases() {
		Workspace weak = workspace("ws-dev-weakvault");
		assertThat(snapshot.vault(weak.keyVaultId()).value().enableSoftDelete()).isFalse();
		assertThat(snapshot.vault(weak.keyVaultId()).value().enablePurgeProtection()).isNull();
		assertThat(snapshot.vault(weak.keyVaultId()).value().enableRbacAuthorization()).isFalse();
		assertThat(snapshot.diagnosticSettings(weak.keyVaultId()).value()).isEmpty();
		VaultKey stale = cmk("ws-dev-weakvault");
		assertThat(stale.expires()).isNull();
		assertThat(stale.rotationPolicy().state()).isEqualTo(ReadResult.State.ABSENT);
		assertThat(cmk("ws-res-servicecmk").rotationPolicy().value().rotatesAutomatically()).isFalse();
		assertThat(cmk("ws-gold").rotationPolicy().value().rotatesAutomatically()).isTrue();
		assertThat(snapshot.storageAccount(workspace("ws-dev-storage").storageAccountId()).value().minimumTlsVersion())
			.isEqualTo("TLS1_0");
		assertThat(snapshot.storageAccount(workspace("ws-res-pinned").storageAccountId())
			.value()
			.encryption()
			.keyVersion()).isNotBlank();
		assertThat(snapshot.registry(workspace("ws-dev-storage").containerRegistryId()).value().anonymousPullEnabled())
			.isTrue();
		assertThat(snapshot.monitoringResource(workspace("ws-dev-open").applicationInsightsId())
			.value()
			.disableLocalAuth()).isFalse();
	}

	@Test
	void coversRbacAndDefenderCases() {
		assertThat(snapshot.principal(DemoTenant.GHOST_PRINCIPAL).value().deleted()).isTrue();
		assertThat(snapshot.principal(DemoTenant.GHOST_PRINCIPAL).value().type()).isNull();
		assertThat(snapshot.principal(DemoTenant.SOFT_DELETED_USER).value().deleted()).isTrue();
		assertThat(snapshot.principal(DemoTenant.SOFT_DELETED_USER).value().displayName()).isEqualTo("Sam Departed");
		assertThat(snapshot.principal(DemoTenant.GARY_GUEST).value().userType()).isEqualTo("Guest");
		assertThat(snapshot.roleDefinition(DemoTenant.SUPERUSER_ROLE).value().isCustom()).isTrue();
		assertThat(snapshot.roleAssignments()).hasSizeGreaterThanOrEqualTo(11);
		// Only the two orphans are deleted: workspace identities and the other
		// assignees all resolve.
		assertThat(snapshot.principals()).filteredOn(Principal::deleted)
			.extracting(Principal::id)
			.containsExactlyInAnyOrder(DemoTenant.GHOST_PRINCIPAL, DemoTenant.SOFT_DELETED_USER);
		assertThat(snapshot.defenderPricings(DemoTenant.PROD))
			.allMatch((p) -> p.isStandard() || p.plan().equals("VirtualMachines"));
		assertThat(snapshot.defenderPricings(DemoTenant.DEV)).noneMatch((p) -> p.isStandard());
		assertThat(List.of(DemoTenant.PROD, DemoTenant.DEV, DemoTenant.RESEARCH))
			.allMatch((s) -> !snapshot.defenderPricings(s).isEmpty());
	}

}
