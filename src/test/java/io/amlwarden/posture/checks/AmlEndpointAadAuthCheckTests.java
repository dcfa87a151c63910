package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlEndpointAadAuthCheckTests {

	private final AmlEndpointAadAuthCheck check = new AmlEndpointAadAuthCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithEntraTokensInAnyCase() {
		this.ws.endpoints.get(0).authMode = "aadtoken";
		assertThat(this.fixture.result(this.check, this.ws.endpoints.get(0).id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithKeysOrAmlTokens() {
		this.ws.endpoints.get(0).authMode = "Key";
		assertThat(this.fixture.result(this.check, this.ws.endpoints.get(0).id).status()).isEqualTo(FAIL);
		this.ws.endpoints.get(0).authMode = "AMLToken";
		assertThat(this.fixture.result(this.check, this.ws.endpoints.get(0).id).status()).isEqualTo(FAIL);
	}

	@Test
	void absentMeansKey() {
		this.ws.endpoints.get(0).authMode = null;
		CheckResult result = this.fixture.result(this.check, this.ws.endpoints.get(0).id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("key authentication");
	}

}
