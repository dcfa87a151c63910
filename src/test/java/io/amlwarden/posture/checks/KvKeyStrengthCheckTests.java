package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import io.amlwarden.posture.PostureProperties;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class KvKeyStrengthCheckTests {

	private final KvKeyStrengthCheck check = new KvKeyStrengthCheck(PostureProperties.defaults());

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesForLargeRsaAndOctKeys() {
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(PASS);
		this.ws.key.keyType = "oct-HSM";
		this.ws.key.keySize = 256;
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(PASS);
	}

	@Test
	void failsForSmallRsaKeys() {
		this.ws.key.keyType = "rsa";
		this.ws.key.keySize = 1024;
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("below 2048");
	}

	@Test
	void ecCurvesAndUnknownSizesAreUnknown() {
		this.ws.key.keyType = "EC-HSM";
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(UNKNOWN);
		this.ws.key.keyType = "RSA";
		this.ws.key.keySize = null;
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(UNKNOWN);
	}

}
