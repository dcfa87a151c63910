package io.amlwarden.azure;

import java.time.Duration;
import java.time.Instant;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The identity's tokens go only to the host they are for: ARM URLs are built from
 * components of strictly parsed ids, hostile {@code nextLink} and long-running-operation
 * URLs are not followed, and the pipelines themselves refuse any other host. The
 * simulator records every host a request named, so "nothing was sent" is observable.
 */
class ArmHostGuardTests {

	private static final String SUB = "00000000-0000-4000-8000-0000000000c7";

	private static final String EVIL = "management.azure.com.evil.example";

	private AzureSimulator simulator;

	private TenantFixture.Stack stack;

	private AzureClients clients;

	@BeforeEach
	void start() {
		TenantFixture fixture = new TenantFixture(InventoryCollectorContractTests.TENANT, Instant.now())
			.subscription(SUB);
		this.stack = fixture.stack(SUB, "rg-guard", "kvguard" + System.nanoTime() % 100000, null);
		fixture.stack(SUB, "rg-guard", "kvguard2" + System.nanoTime() % 100000, null);
		this.simulator = AzureSimulator.start(fixture.toJson()).longRunning(1, 0);
		this.clients = SimulatorClients.clients(this.simulator);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void idsThatWouldNameAnotherHostNeverBecomeUrls() {
		ArmRequests arm = new ArmRequests(this.clients);

		assertThatExceptionOfType(ArmId.InvalidArmIdException.class)
			.isThrownBy(() -> arm.url(".evil.example/x", ArmRequests.ML_API));
		assertThatExceptionOfType(ArmId.InvalidArmIdException.class)
			.isThrownBy(() -> arm.url("@evil.example/x", ArmRequests.ML_API));
		assertThat(arm.url(this.stack.workspaceId, ArmRequests.ML_API))
			.startsWith("https://management.azure.com/subscriptions/" + SUB + "/")
			.endsWith("?api-version=" + ArmRequests.ML_API);
	}

	@Test
	void aWorkspaceIdFromPropertiesThatNamesAnotherHostIsRefusedBeforeAnyCall() {
		CmkOperations cmk = new CmkOperations(this.clients);

		assertThatExceptionOfType(AzureCallException.class)
			.isThrownBy(() -> cmk.workspace("@evil.example/subscriptions/" + SUB + "/x"));
		assertThatExceptionOfType(AzureCallException.class).isThrownBy(() -> cmk.workspace(".evil.example/x"));
		assertThat(this.simulator.hostsSeen()).noneMatch((host) -> host.contains("evil"));
	}

	@Test
	void aHostileNextLinkIsNotFollowed() {
		this.simulator.armPageSize(1).linkHost(EVIL);
		ArmRequests arm = new ArmRequests(this.clients);

		assertThatThrownBy(() -> arm.listAll(SUB,
				"/subscriptions/" + SUB + "/providers/Microsoft.MachineLearningServices/workspaces", ArmRequests.ML_API,
				Context.NONE))
			.isInstanceOf(AzureCallException.class)
			.hasMessageContaining("nextLink points outside Resource Manager");
		assertThat(this.simulator.hostsSeen()).contains("management.azure.com").doesNotContain(EVIL);
	}

	@Test
	void aHostileOperationLocationIsNotFollowed() {
		this.simulator.longRunning(2, 0).linkHost(EVIL);
		String kid = this.stack.vaultUri + "/keys/cmk/" + "0".repeat(32);

		assertThatExceptionOfType(AzureCallException.class).isThrownBy(() -> new CmkOperations(this.clients)
			.updateWorkspaceKey(this.stack.workspaceId, kid, Duration.ofSeconds(10)));
		assertThat(this.simulator.hostsSeen()).doesNotContain(EVIL);
	}

	@Test
	void thePipelinesRefuseEveryOtherHost() {
		for (String url : new String[] { "https://" + EVIL + "/subscriptions/" + SUB + "?api-version=1",
				"https://evil.example@management.azure.com/subscriptions/" + SUB + "?api-version=1",
				"http://management.azure.com/subscriptions/" + SUB + "?api-version=1",
				"https://management.azure.com:8443/subscriptions/" + SUB + "?api-version=1" }) {
			assertThatThrownBy(
					() -> this.clients.armPipeline(SUB).sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE))
				.as(url)
				.isInstanceOf(AzureCallException.class)
				.hasMessageContaining("refused");
		}
		// The Graph token goes to Graph only; the ARM token to ARM only.
		assertThatThrownBy(() -> this.clients.directoryPipeline()
			.sendSync(new HttpRequest(HttpMethod.GET, "https://management.azure.com/subscriptions/" + SUB),
					Context.NONE))
			.isInstanceOf(AzureCallException.class);
		assertThatThrownBy(() -> this.clients.armPipeline(SUB)
			.sendSync(new HttpRequest(HttpMethod.GET, "https://graph.microsoft.com/v1.0/users"), Context.NONE))
			.isInstanceOf(AzureCallException.class);
		assertThat(this.simulator.hostsSeen()).noneMatch((host) -> host.contains("evil") || host.startsWith("graph"))
			.doesNotContain("management.azure.com");
	}

}
