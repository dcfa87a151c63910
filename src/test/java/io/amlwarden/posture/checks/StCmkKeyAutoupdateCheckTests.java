package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class StCmkKeyAutoupdateCheckTests {

	private final StCmkKeyAutoupdateCheck check = new StCmkKeyAutoupdateCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenTheVersionIsEmptyOrAbsent() {
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(PASS);
		this.ws.storage.keyVersion = null;
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWhenPinnedToAVersion() {
		this.ws.storage.keyVersion = "0682abc";
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("rotations do not reach it");
	}

	@Test
	void notApplicableWithoutCustomerManagedKey() {
		this.ws.storage.keySource = "Microsoft.Storage";
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(NOT_APPLICABLE);
		this.ws.storage.hasEncryption = false;
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(NOT_APPLICABLE);
	}

}
