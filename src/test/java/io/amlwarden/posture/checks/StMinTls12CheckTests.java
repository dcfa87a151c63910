package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class StMinTls12CheckTests {

	private final StMinTls12Check check = new StMinTls12Check();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesOnTls12InAnyCase() {
		this.ws.storage.minimumTlsVersion = "tls1_2";
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(PASS);
	}

	@Test
	void tls13PassesTheTls12OrHigherCheck() {
		this.ws.storage.minimumTlsVersion = "TLS1_3";
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().expected()).isEqualTo("TLS1_2 or higher");
	}

	@Test
	void failsOnOlderVersions() {
		this.ws.storage.minimumTlsVersion = "TLS1_1";
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(FAIL);
	}

	@Test
	void absentMeansTls10() {
		this.ws.storage.minimumTlsVersion = null;
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("TLS 1.0");
	}

	@Test
	void unrecognisedValueIsUnknown() {
		this.ws.storage.minimumTlsVersion = "SSL3";
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(UNKNOWN);
	}

}
