package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class AmlWsUserAssignedIdentityCheckTests {

	private final AmlWsUserAssignedIdentityCheck check = new AmlWsUserAssignedIdentityCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithPrimaryUserAssignedIdentity() {
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithoutPrimaryIdentity() {
		this.ws.primaryUserAssignedIdentity = null;
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void failsWhenTheIdentityHasNoUserAssignedIdentities() {
		this.ws.identityType = "SystemAssigned";
		this.ws.userAssignedIdentityId = null;
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().propertyPath()).isEqualTo("identity.type");
	}

	@Test
	void projectIsNotApplicable() {
		WorkspaceSpec project = this.fixture.project(this.ws, "proj");
		assertThat(this.fixture.result(this.check, project.id).status()).isEqualTo(NOT_APPLICABLE);
	}

}
