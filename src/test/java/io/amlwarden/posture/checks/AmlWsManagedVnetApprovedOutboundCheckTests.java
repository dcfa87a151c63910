package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlWsManagedVnetApprovedOutboundCheckTests {

	private final AmlWsManagedVnetApprovedOutboundCheck check = new AmlWsManagedVnetApprovedOutboundCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithApprovedOutboundInAnyCase() {
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
		this.ws.isolationMode = "allowonlyapprovedoutbound";
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithInternetOutbound() {
		this.ws.isolationMode = "AllowInternetOutbound";
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("AllowInternetOutbound");
	}

	@Test
	void absentManagedNetworkMeansDisabled() {
		this.ws.isolationMode = null;
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("Disabled");
	}

	@Test
	void projectIsNotApplicable() {
		WorkspaceSpec project = this.fixture.project(this.ws, "proj");
		assertThat(this.fixture.result(this.check, project.id).status()).isEqualTo(NOT_APPLICABLE);
	}

}
