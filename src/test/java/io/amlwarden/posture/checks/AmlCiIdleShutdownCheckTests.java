package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlCiIdleShutdownCheckTests {

	private final AmlCiIdleShutdownCheck check = new AmlCiIdleShutdownCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithIdleShutdown() {
		assertThat(this.fixture.result(this.check, this.ws.computes.get(0).id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithoutIdleShutdown() {
		this.ws.computes.get(0).idleTimeBeforeShutdown = " ";
		assertThat(this.fixture.result(this.check, this.ws.computes.get(0).id).status()).isEqualTo(FAIL);
		this.ws.computes.get(0).idleTimeBeforeShutdown = null;
		CheckResult result = this.fixture.result(this.check, this.ws.computes.get(0).id);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void clustersAreNotApplicable() {
		assertThat(this.fixture.result(this.check, this.ws.computes.get(1).id).status()).isEqualTo(NOT_APPLICABLE);
	}

}
