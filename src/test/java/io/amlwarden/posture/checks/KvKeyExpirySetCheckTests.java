package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class KvKeyExpirySetCheckTests {

	private final KvKeyExpirySetCheck check = new KvKeyExpirySetCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithExpiryAndIsReportedUnderTheWorkspaceUsingTheKey() {
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.resourceType()).isEqualTo("Microsoft.KeyVault/vaults/keys");
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWithoutExpiry() {
		this.ws.key.expires = null;
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void deniedKeyListingIsUnknown() {
		this.fixture.failKeys(this.ws.vault);
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void aKeyThatIsNoCustomerManagedKeyIsNotApplicable() {
		PostureFixture.KeySpec other = this.fixture.key(this.ws.vault, "signing");
		other.expires = null;
		CheckResult result = this.fixture.result(this.check, other.id());
		assertThat(result.status()).isEqualTo(NOT_APPLICABLE);
		assertThat(result.workspaceIds()).isEmpty();
	}

	@Test
	void deletedKeyIsNotApplicableHere() {
		this.fixture.deleteKey(this.ws.key);
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(NOT_APPLICABLE);
		assertThat(result.detail()).contains("aml-ws-cmk-key-healthy");
	}

}
