package io.amlwarden.posture.checks;

import io.amlwarden.inventory.PrivateEndpointConnection;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class StPrivateLinkCheckTests {

	private final StPrivateLinkCheck check = new StPrivateLinkCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithApprovedEndpoint() {
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithoutApprovedEndpoint() {
		this.ws.storage.privateEndpoints.clear();
		this.ws.storage.privateEndpoints.add(new PrivateEndpointConnection("c", "pe", "Disconnected", "Succeeded"));
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(FAIL);
	}

	@Test
	void deniedAccountIsUnknown() {
		this.fixture.deny(this.ws.storage.id, ReadFailure.Reason.SKIPPED);
		assertThat(this.fixture.result(this.check, this.ws.storage.id).detail()).contains("budget");
	}

}
