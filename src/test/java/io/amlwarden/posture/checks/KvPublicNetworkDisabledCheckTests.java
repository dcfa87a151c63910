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

class KvPublicNetworkDisabledCheckTests {

	private final KvPublicNetworkDisabledCheck check = new KvPublicNetworkDisabledCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenDisabled() {
		assertThat(this.fixture.result(this.check, this.ws.vault.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWhenEnabledOrAbsent() {
		this.ws.vault.publicNetworkAccess = "Enabled";
		assertThat(this.fixture.result(this.check, this.ws.vault.id).status()).isEqualTo(FAIL);
		this.ws.vault.publicNetworkAccess = null;
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void linkedVaultMissingFromTheInventoryIsUnknown() {
		this.fixture.deny(this.ws.vault.id, ReadFailure.Reason.NOT_FOUND);
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.detail()).contains("not found");
	}

}
