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

class StSasExpirationPolicyCheckTests {

	private final StSasExpirationPolicyCheck check = new StSasExpirationPolicyCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithAPolicyAndShowsItsAction() {
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().observed()).isEqualTo("1.00:00:00 (Block)");
	}

	@Test
	void aLogOnlyPolicyPassesAndSaysSo() {
		this.ws.storage.sasExpirationAction = null;
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.detail()).contains("logged");
	}

	@Test
	void failsWithoutAPolicy() {
		this.ws.storage.sasExpirationPeriod = null;
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void deniedAccountIsUnknown() {
		this.fixture.deny(this.ws.storage.id, ReadFailure.Reason.FORBIDDEN);
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(UNKNOWN);
	}

}
