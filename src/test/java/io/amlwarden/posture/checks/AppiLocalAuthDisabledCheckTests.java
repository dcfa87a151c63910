package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class AppiLocalAuthDisabledCheckTests {

	private final AppiLocalAuthDisabledCheck check = new AppiLocalAuthDisabledCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenCompliant() {
		CheckResult result = this.fixture.result(this.check, this.ws.appInsights.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWhenNonCompliant() {
		this.ws.appInsights.disableLocalAuth = false;
		assertThat(this.fixture.result(this.check, this.ws.appInsights.id).status()).isEqualTo(FAIL);
	}

	@Test
	void absentIsJudgedByTheServiceDefault() {
		this.ws.appInsights.disableLocalAuth = null;
		CheckResult result = this.fixture.result(this.check, this.ws.appInsights.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).contains("absent");
	}

	@Test
	void deniedResourceIsUnknown() {
		this.fixture.deny(this.ws.appInsights.id, ReadFailure.Reason.FORBIDDEN);
		assertThat(this.fixture.result(this.check, this.ws.appInsights.id).status()).isEqualTo(UNKNOWN);
	}

}
