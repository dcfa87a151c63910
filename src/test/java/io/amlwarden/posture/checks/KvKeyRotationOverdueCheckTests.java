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

class KvKeyRotationOverdueCheckTests {

	private final KvKeyRotationOverdueCheck check = new KvKeyRotationOverdueCheck(PostureProperties.defaults());

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesBeforeTheNextAutomaticRotation() {
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.detail()).contains("next rotated automatically");
	}

	@Test
	void failsWhenAnAutomaticRotationDidNotHappen() {
		this.ws.key.created = PostureFixture.NOW.minus(Duration.ofDays(92));
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("rotation is failing");
	}

	@Test
	void withoutAutomaticRotationJudgesAgainstTheConfiguredPeriod() {
		this.ws.key.rotationPolicy = null;
		this.ws.key.created = PostureFixture.NOW.minus(Duration.ofDays(200));
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(PASS);
		this.ws.key.created = PostureFixture.NOW.minus(Duration.ofDays(400));
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("400 days ago");
	}

	@Test
	void unknownCreationTimeIsUnknown() {
		this.ws.key.created = null;
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(UNKNOWN);
	}

}
