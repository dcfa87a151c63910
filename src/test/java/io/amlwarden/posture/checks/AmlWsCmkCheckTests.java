package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlWsCmkCheckTests {

	private final AmlWsCmkCheck check = new AmlWsCmkCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithCustomerManagedKey() {
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().propertyPath()).isEqualTo("properties.encryption.status");
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWithoutEncryptionBlock() {
		this.ws.encryption = null;
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void failsWhenDisabledAndComparesStatusIgnoringCase() {
		this.ws.encryption.status = "Disabled";
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(FAIL);
		this.ws.encryption.status = "enabled";
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWhenEnabledWithoutKey() {
		this.ws.encryption.keyIdentifier = null;
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(FAIL);
	}

	@Test
	void projectIsNotApplicableAndSeesTheHubResult() {
		WorkspaceSpec project = this.fixture.project(this.ws, "proj");
		this.ws.encryption = null;

		CheckResult projectResult = this.fixture.result(this.check, project.id);
		CheckResult hubResult = this.fixture.result(this.check, this.ws.id);

		assertThat(projectResult.status()).isEqualTo(NOT_APPLICABLE);
		assertThat(projectResult.detail()).contains("inherits");
		assertThat(hubResult.status()).isEqualTo(FAIL);
		assertThat(hubResult.workspaceIds()).containsExactly(this.ws.id, project.id);
	}

}
