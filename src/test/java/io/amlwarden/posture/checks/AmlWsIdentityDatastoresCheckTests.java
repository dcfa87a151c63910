package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlWsIdentityDatastoresCheckTests {

	private final AmlWsIdentityDatastoresCheck check = new AmlWsIdentityDatastoresCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithIdentityInAnyCase() {
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
		this.ws.systemDatastoresAuthMode = "Identity";
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithAccessKey() {
		this.ws.systemDatastoresAuthMode = "AccessKey";
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(FAIL);
	}

	@Test
	void absentMeansAccessKey() {
		this.ws.systemDatastoresAuthMode = null;
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("AccessKey");
	}

	@Test
	void projectIsJudgedOnItsOwn() {
		WorkspaceSpec project = this.fixture.project(this.ws, "proj");
		project.systemDatastoresAuthMode = "AccessKey";
		assertThat(this.fixture.result(this.check, project.id).status()).isEqualTo(FAIL);
	}

}
