package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class AcrPrivateLinkCheckTests {

	private final AcrPrivateLinkCheck check = new AcrPrivateLinkCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithApprovedEndpoint() {
		assertThat(this.fixture.result(this.check, this.ws.registry.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithoutEndpointAndExplainsTheSku() {
		this.ws.registry.privateEndpoints.clear();
		this.ws.registry.sku = "Basic";
		CheckResult result = this.fixture.result(this.check, this.ws.registry.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("Premium SKU");
	}

	@Test
	void deniedRegistryIsUnknown() {
		this.fixture.deny(this.ws.registry.id, ReadFailure.Reason.ERROR);
		assertThat(this.fixture.result(this.check, this.ws.registry.id).status()).isEqualTo(UNKNOWN);
	}

}
