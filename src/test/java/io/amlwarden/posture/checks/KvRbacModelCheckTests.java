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

class KvRbacModelCheckTests {

	private final KvRbacModelCheck check = new KvRbacModelCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenOn() {
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
		assertThat(result.resourceType()).isEqualTo("Microsoft.KeyVault/vaults");
	}

	@Test
	void failsWhenOff() {
		this.ws.vault.enableRbacAuthorization = false;
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("false");
	}

	@Test
	void absentMeansOffAndNeverPassesByAccident() {
		this.ws.vault.enableRbacAuthorization = null;
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void deniedVaultIsUnknownAndStillReportedUnderTheWorkspace() {
		this.fixture.deny(this.ws.vault.id, ReadFailure.Reason.FORBIDDEN);
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id.toUpperCase());
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.detail()).contains("access was denied");
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

}
