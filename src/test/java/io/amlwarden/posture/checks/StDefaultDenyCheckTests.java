package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class StDefaultDenyCheckTests {

	private final StDefaultDenyCheck check = new StDefaultDenyCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenDenyingOrWhenPublicAccessIsDisabled() {
		this.ws.storage.publicNetworkAccess = "Enabled";
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(PASS);
		this.ws.storage.publicNetworkAccess = "Disabled";
		this.ws.storage.defaultAction = "Allow";
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWhenAllowing() {
		this.ws.storage.publicNetworkAccess = "Enabled";
		this.ws.storage.defaultAction = "Allow";
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(FAIL);
	}

	@Test
	void absentRulesMeanAllow() {
		this.ws.storage.publicNetworkAccess = null;
		this.ws.storage.defaultAction = null;
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

}
