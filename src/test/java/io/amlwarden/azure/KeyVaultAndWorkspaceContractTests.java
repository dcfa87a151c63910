package io.amlwarden.azure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.RotationPolicy;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Key Vault data plane (with the real 401 bearer challenge) and the long-running
 * workspace PATCH, through the real SDK clients against the simulator.
 */
class KeyVaultAndWorkspaceContractTests {

	private static final String SUB = "00000000-0000-4000-8000-0000000000c1";

	private AzureSimulator simulator;

	private TenantFixture.Stack stack;

	private TenantFixture.Stack locked;

	@BeforeEach
	void start() {
		TenantFixture fixture = new TenantFixture(InventoryCollectorContractTests.TENANT, Instant.now())
			.subscription(SUB);
		// Each test class uses its own vault host names: the SDK caches challenges per
		// host.
		this.stack = fixture.stack(SUB, "rg-kv", "kvcontract" + System.nanoTime() % 100000, null);
		this.locked = fixture.stack(SUB, "rg-kv", "kvlocked" + System.nanoTime() % 100000, null);
		this.simulator = AzureSimulator.start(fixture.toJson()).longRunning(2, 1);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void rotatesAKeyThroughTheBearerChallenge() {
		CmkOperations cmk = new CmkOperations(SimulatorClients.clients(this.simulator));

		VaultKey.KeyVersion version = cmk.rotate(this.stack.vaultUri, "cmk").value();

		assertThat(version.kid()).startsWith(this.stack.vaultUri + "/keys/cmk/");
		assertThat(version.created()).isNotNull();
		assertThat(this.simulator.keyVersions(this.stack.vaultId, "cmk")).hasSize(2).contains(version.version());
		assertThat(cmk.markedVersions(this.stack.vaultUri, "cmk")).extracting((marked) -> marked.version().version())
			.contains(version.version());
		// The first request carried no token and was challenged.
		assertThat(this.simulator.counts()).containsKey("keyvault POST rotate");
		assertThat(this.simulator.count("login")).isPositive();
	}

	@Test
	void readsAndReplacesTheRotationPolicyIgnoringActionCase() {
		KeyVaultKeys keys = new KeyVaultKeys(SimulatorClients.clients(this.simulator));

		RotationPolicy policy = keys.rotationPolicy(this.stack.vaultUri, "cmk").value();
		assertThat(policy.rotatesAutomatically()).isTrue();
		assertThat(policy.expiryTime()).isEqualTo("P1Y");

		RotationPolicy updated = keys.updateRotationPolicy(this.stack.vaultUri, "cmk", new RotationPolicy("P2Y",
				List.of(new RotationPolicy.LifetimeAction(RotationPolicy.Action.ROTATE, "P60D", null)), null, null));

		assertThat(updated.expiryTime()).isEqualTo("P2Y");
		assertThat(updated.lifetimeActions()).singleElement()
			.satisfies((a) -> assertThat(a.timeAfterCreate()).isEqualTo("P60D"));
		assertThat(updated.updated()).isNotNull();
	}

	@Test
	void reportsAForbiddenVaultAsForbidden() {
		this.simulator.forbid(this.locked.vaultId);
		AzureClients clients = SimulatorClients.clients(this.simulator);

		assertThatExceptionOfType(AzureCallException.class)
			.isThrownBy(() -> new KeyVaultKeys(clients).rotationPolicy(this.locked.vaultUri, "cmk"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(AzureCallException.Reason.FORBIDDEN))
			.satisfies((ex) -> assertThat(ex.readReason()).isEqualTo(ReadFailure.Reason.FORBIDDEN));
		assertThatExceptionOfType(AzureCallException.class)
			.isThrownBy(() -> new CmkOperations(clients).rotate(this.locked.vaultUri, "cmk"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(AzureCallException.Kind.PERMANENT));
	}

	@Test
	void patchesTheWorkspaceKeyAndFollowsTheLongRunningOperation() {
		AzureClients clients = SimulatorClients.clients(this.simulator);
		CmkOperations cmk = new CmkOperations(clients);
		VaultKey.KeyVersion version = cmk.rotate(this.stack.vaultUri, "cmk").value();

		Workspace workspace = cmk.updateWorkspaceKey(this.stack.workspaceId, version.kid(), Duration.ofSeconds(30))
			.value();

		assertThat(workspace.encryption().keyIdentifier()).isEqualTo(version.kid());
		assertThat(workspace.provisioningState()).isEqualTo("Succeeded");
		assertThat(this.simulator.count("arm", "PATCH", "workspaces/{name}")).isEqualTo(1);
		assertThat(this.simulator.count("arm", "GET", "workspaceoperationsstatus/{name}")).isEqualTo(2);
	}

}
