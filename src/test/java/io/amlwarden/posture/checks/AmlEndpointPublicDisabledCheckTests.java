package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ReadResult;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import io.amlwarden.posture.PostureFixture;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class AmlEndpointPublicDisabledCheckTests {

	private final AmlEndpointPublicDisabledCheck check = new AmlEndpointPublicDisabledCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenDisabled() {
		CheckResult result = this.fixture.result(this.check, this.ws.endpoints.get(0).id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWhenEnabledOrAbsent() {
		this.ws.endpoints.get(0).publicNetworkAccess = "Enabled";
		assertThat(this.fixture.result(this.check, this.ws.endpoints.get(0).id).status()).isEqualTo(FAIL);
		this.ws.endpoints.get(0).publicNetworkAccess = null;
		assertThat(this.fixture.result(this.check, this.ws.endpoints.get(0).id).evidence().observed())
			.isEqualTo("absent");
	}

	@Test
	void unreadableEndpointListingIsUnknown() {
		this.ws.endpointsRead = ReadResult.notCollected();
		assertThat(this.fixture.result(this.check, this.ws.id + "/onlineEndpoints").status()).isEqualTo(UNKNOWN);
	}

}
