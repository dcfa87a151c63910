package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AcrNetworkDefaultDenyCheckTests {

	private final AcrNetworkDefaultDenyCheck check = new AcrNetworkDefaultDenyCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenDenyingOrPrivate() {
		this.ws.registry.publicNetworkAccess = "Enabled";
		assertThat(this.fixture.result(this.check, this.ws.registry.id).status()).isEqualTo(PASS);
		this.ws.registry.publicNetworkAccess = "DISABLED";
		this.ws.registry.defaultAction = "Allow";
		assertThat(this.fixture.result(this.check, this.ws.registry.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWhenPublicAndAllowing() {
		this.ws.registry.publicNetworkAccess = "Enabled";
		this.ws.registry.defaultAction = "Allow";
		assertThat(this.fixture.result(this.check, this.ws.registry.id).status()).isEqualTo(FAIL);
	}

	@Test
	void absentRuleSetMeansAnyNetwork() {
		this.ws.registry.publicNetworkAccess = null;
		this.ws.registry.defaultAction = null;
		CheckResult result = this.fixture.result(this.check, this.ws.registry.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("any network");
	}

}
