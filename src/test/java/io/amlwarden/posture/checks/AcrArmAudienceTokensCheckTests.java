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

class AcrArmAudienceTokensCheckTests {

	private final AcrArmAudienceTokensCheck check = new AcrArmAudienceTokensCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenDisabled() {
		CheckResult result = this.fixture.result(this.check, this.ws.registry.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWhenEnabledInAnyCase() {
		this.ws.registry.azureAdAuthenticationAsArmPolicyStatus = "Enabled";
		CheckResult result = this.fixture.result(this.check, this.ws.registry.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("Enabled");
	}

	@Test
	void absentMeansEnabled() {
		this.ws.registry.azureAdAuthenticationAsArmPolicyStatus = null;
		CheckResult result = this.fixture.result(this.check, this.ws.registry.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void deniedRegistryIsUnknown() {
		this.fixture.deny(this.ws.registry.id, ReadFailure.Reason.FORBIDDEN);
		assertThat(this.fixture.result(this.check, this.ws.registry.id).status()).isEqualTo(UNKNOWN);
	}

}
