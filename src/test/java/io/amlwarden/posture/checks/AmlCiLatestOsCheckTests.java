package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class AmlCiLatestOsCheckTests {

	private final AmlCiLatestOsCheck check = new AmlCiLatestOsCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesOnLatestImage() {
		assertThat(this.fixture.result(this.check, this.ws.computes.get(0).id).status()).isEqualTo(PASS);
	}

	@Test
	void failsOnOutdatedImage() {
		this.ws.computes.get(0).latestOsImage = false;
		assertThat(this.fixture.result(this.check, this.ws.computes.get(0).id).status()).isEqualTo(FAIL);
	}

	@Test
	void unreportedImageStatusIsUnknownNotAPass() {
		this.ws.computes.get(0).latestOsImage = null;
		assertThat(this.fixture.result(this.check, this.ws.computes.get(0).id).status()).isEqualTo(UNKNOWN);
	}

	@Test
	void clustersAreNotApplicable() {
		CheckResult result = this.fixture.result(this.check, this.ws.computes.get(1).id);
		assertThat(result.status()).isEqualTo(NOT_APPLICABLE);
		assertThat(result.detail()).contains("AmlCompute");
	}

}
