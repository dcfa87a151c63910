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

class StKeyExpirationPolicyCheckTests {

	private final StKeyExpirationPolicyCheck check = new StKeyExpirationPolicyCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithAPolicyAndYoungKeys() {
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().observed()).isEqualTo("90 days");
	}

	@Test
	void failsWithoutAPolicy() {
		this.ws.storage.keyExpirationPeriodInDays = null;
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void failsWhenAKeyHasOutlivedThePolicy() {
		this.ws.storage.key2CreationTime = PostureFixture.NOW.minus(java.time.Duration.ofDays(91));
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).startsWith("90 days; key2 created");
	}

	@Test
	void deniedAccountIsUnknown() {
		this.fixture.deny(this.ws.storage.id, ReadFailure.Reason.THROTTLED);
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.detail()).contains("throttled");
	}

}
