package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlCmpInVnetCheckTests {

	private final AmlCmpInVnetCheck check = new AmlCmpInVnetCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithSubnet() {
		assertThat(this.fixture.result(this.check, this.ws.computes.get(0).id).status()).isEqualTo(PASS);
	}

	@Test
	void passesInTheWorkspaceManagedNetwork() {
		this.ws.computes.get(0).subnetId = null;
		this.ws.isolationMode = "AllowInternetOutbound";
		CheckResult result = this.fixture.result(this.check, this.ws.computes.get(0).id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.detail()).contains("managed network");
	}

	@Test
	void failsWithoutSubnetOrManagedNetwork() {
		this.ws.computes.get(1).subnetId = null;
		this.ws.isolationMode = "Disabled";
		assertThat(this.fixture.result(this.check, this.ws.computes.get(1).id).status()).isEqualTo(FAIL);
	}

	@Test
	void attachedComputesAreNotApplicable() {
		this.ws.computes.get(1).computeType = "Kubernetes";
		assertThat(this.fixture.result(this.check, this.ws.computes.get(1).id).status()).isEqualTo(NOT_APPLICABLE);
	}

	@Test
	void projectComputesRunInTheHubsManagedNetwork() {
		PostureFixture.WorkspaceSpec project = this.fixture.project(this.ws, "proj");
		project.computes.add(this.ws.computes.remove(1));
		project.computes.get(0).subnetId = null;
		assertThat(this.fixture.result(this.check, project.computes.get(0).id).status()).isEqualTo(PASS);
		this.ws.isolationMode = "Disabled";
		assertThat(this.fixture.result(this.check, project.computes.get(0).id).status()).isEqualTo(FAIL);
	}

}
