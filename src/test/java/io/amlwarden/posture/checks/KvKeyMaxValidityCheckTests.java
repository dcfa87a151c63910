package io.amlwarden.posture.checks;

import java.time.Duration;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import io.amlwarden.posture.PostureProperties;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class KvKeyMaxValidityCheckTests {

	private final KvKeyMaxValidityCheck check = new KvKeyMaxValidityCheck(PostureProperties.defaults());

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithinTheMaximum() {
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().observed()).isEqualTo("365 days");
	}

	@Test
	void failsBeyondTheMaximum() {
		this.ws.key.expires = this.ws.key.created.plus(Duration.ofDays(1000));
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(FAIL);
	}

	@Test
	void keyWithoutExpiryHasUnboundedValidity() {
		this.ws.key.expires = null;
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(FAIL);
	}

	@Test
	void unknownCreationTimeIsUnknown() {
		this.ws.key.created = null;
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(UNKNOWN);
	}

}
