package io.amlwarden.posture.checks;

import io.amlwarden.inventory.PrivateEndpointConnection;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class KvPrivateLinkCheckTests {

	private final KvPrivateLinkCheck check = new KvPrivateLinkCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithApprovedEndpoint() {
		assertThat(this.fixture.result(this.check, this.ws.vault.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithoutApprovedEndpointEvenWhenNoneExist() {
		this.ws.vault.privateEndpoints.clear();
		assertThat(this.fixture.result(this.check, this.ws.vault.id).status()).isEqualTo(FAIL);
		this.ws.vault.privateEndpoints.add(new PrivateEndpointConnection("c", "pe", "Rejected", "Succeeded"));
		assertThat(this.fixture.result(this.check, this.ws.vault.id).status()).isEqualTo(FAIL);
	}

	@Test
	void deniedVaultIsUnknown() {
		this.fixture.deny(this.ws.vault.id, ReadFailure.Reason.TIMEOUT);
		assertThat(this.fixture.result(this.check, this.ws.vault.id).detail()).contains("timed out");
	}

}
