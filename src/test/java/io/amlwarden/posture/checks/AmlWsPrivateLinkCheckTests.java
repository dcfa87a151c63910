package io.amlwarden.posture.checks;

import io.amlwarden.inventory.PrivateEndpointConnection;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlWsPrivateLinkCheckTests {

	private final AmlWsPrivateLinkCheck check = new AmlWsPrivateLinkCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithAnApprovedConnectionInAnyCase() {
		this.ws.privateEndpoints.clear();
		this.ws.privateEndpoints.add(new PrivateEndpointConnection("c", "pe", "APPROVED", "Succeeded"));
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithOnlyPendingConnections() {
		this.ws.privateEndpoints.clear();
		this.ws.privateEndpoints.add(new PrivateEndpointConnection("c", "pe", "Pending", "Succeeded"));
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("0 approved of 1");
	}

	@Test
	void failsWithoutConnections() {
		this.ws.privateEndpoints.clear();
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(FAIL);
	}

	@Test
	void projectIsNotApplicable() {
		WorkspaceSpec project = this.fixture.project(this.ws, "proj");
		assertThat(this.fixture.result(this.check, project.id).status()).isEqualTo(NOT_APPLICABLE);
	}

}
