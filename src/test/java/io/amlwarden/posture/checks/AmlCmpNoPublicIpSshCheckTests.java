package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlCmpNoPublicIpSshCheckTests {

	private final AmlCmpNoPublicIpSshCheck check = new AmlCmpNoPublicIpSshCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithoutPublicIp() {
		this.ws.computes.get(1).remoteLoginPortPublicAccess = "NotSpecified";
		assertThat(this.fixture.result(this.check, this.ws.computes.get(1).id).status()).isEqualTo(PASS);
	}

	@Test
	void absentPublicIpSettingMeansPublicIps() {
		this.ws.computes.get(1).enableNodePublicIp = null;
		CheckResult result = this.fixture.result(this.check, this.ws.computes.get(1).id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).contains("enableNodePublicIp=absent");
	}

	@Test
	void failsWhenSshIsPublic() {
		this.ws.computes.get(1).remoteLoginPortPublicAccess = "enabled";
		assertThat(this.fixture.result(this.check, this.ws.computes.get(1).id).status()).isEqualTo(FAIL);
	}

	@Test
	void attachedComputesAreNotApplicable() {
		this.ws.computes.get(0).computeType = "Kubernetes";
		assertThat(this.fixture.result(this.check, this.ws.computes.get(0).id).status()).isEqualTo(NOT_APPLICABLE);
	}

}
