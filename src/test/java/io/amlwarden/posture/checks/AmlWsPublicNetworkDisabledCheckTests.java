package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlWsPublicNetworkDisabledCheckTests {

	private final AmlWsPublicNetworkDisabledCheck check = new AmlWsPublicNetworkDisabledCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenDisabledInAnyCase() {
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
		this.ws.publicNetworkAccess = "disabled";
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWhenEnabled() {
		this.ws.publicNetworkAccess = "Enabled";
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("Enabled");
		assertThat(result.evidence().expected()).isEqualTo("Disabled");
	}

	@Test
	void absentMeansEnabled() {
		this.ws.publicNetworkAccess = null;
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
		assertThat(result.detail()).contains("means Enabled");
	}

	@Test
	void projectIsJudgedOnItsHub() {
		WorkspaceSpec project = this.fixture.project(this.ws, "proj");
		project.publicNetworkAccess = "Enabled";

		assertThat(this.fixture.result(this.check, project.id).status()).isEqualTo(NOT_APPLICABLE);
		CheckResult hub = this.fixture.result(this.check, this.ws.id);
		assertThat(hub.status()).isEqualTo(PASS);
		assertThat(hub.workspaceIds()).contains(project.id);
	}

}
