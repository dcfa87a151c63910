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

class StPublicNetworkDisabledCheckTests {

	private final StPublicNetworkDisabledCheck check = new StPublicNetworkDisabledCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenCompliant() {
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWhenNonCompliant() {
		this.ws.storage.publicNetworkAccess = "Enabled";
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo(String.valueOf("Enabled"));
	}

	@Test
	void absentIsJudgedByTheServiceDefault() {
		this.ws.storage.publicNetworkAccess = null;
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void deniedAccountIsUnknown() {
		this.fixture.deny(this.ws.storage.id, ReadFailure.Reason.FORBIDDEN);
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

}
