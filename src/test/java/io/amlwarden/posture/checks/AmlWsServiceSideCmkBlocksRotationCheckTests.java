package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlWsServiceSideCmkBlocksRotationCheckTests {

	private final AmlWsServiceSideCmkBlocksRotationCheck check = new AmlWsServiceSideCmkBlocksRotationCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenFalseOrAbsent() {
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
		this.ws.enableServiceSideCmkEncryption = null;
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void failsWhenServiceSideEncryptionIsOn() {
		this.ws.enableServiceSideCmkEncryption = true;
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(FAIL);
	}

	@Test
	void notApplicableWithoutCustomerManagedKeyOrOnProjects() {
		WorkspaceSpec project = this.fixture.project(this.ws, "proj");
		assertThat(this.fixture.result(this.check, project.id).status()).isEqualTo(NOT_APPLICABLE);
		this.ws.encryption = null;
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(NOT_APPLICABLE);
	}

}
