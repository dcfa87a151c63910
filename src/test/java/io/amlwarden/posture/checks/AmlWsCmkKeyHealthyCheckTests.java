package io.amlwarden.posture.checks;

import java.time.Duration;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class AmlWsCmkKeyHealthyCheckTests {

	private final AmlWsCmkKeyHealthyCheck check = new AmlWsCmkKeyHealthyCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithEnabledCurrentKey() {
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().observed()).contains("current version=v2");
	}

	@Test
	void failsWhenTheKeyIsDisabledOrExpired() {
		this.ws.key.enabled = false;
		assertThat(this.fixture.result(this.check, this.ws.id).detail()).contains("disabled");
		this.ws.key.enabled = true;
		this.ws.key.expires = PostureFixture.NOW.minus(Duration.ofDays(1));
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("expired");
	}

	@Test
	void failsWhenTheWorkspaceUsesAnOlderVersion() {
		this.ws.encryption.keyIdentifier = this.ws.key.url() + "/v1";
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("version v1").contains("rotation has not been carried through");
	}

	@Test
	void failsWhenTheUsedVersionIsDisabled() {
		this.ws.encryption.keyIdentifier = this.ws.key.url() + "/v1";
		this.ws.key.versions.set(0,
				new io.amlwarden.inventory.VaultKey.KeyVersion("v1", "kid", false, null, null, null, null));
		assertThat(this.fixture.result(this.check, this.ws.id).detail()).contains("is disabled");
	}

	@Test
	void failsWhenTheKeyWasDeleted() {
		this.fixture.deleteKey(this.ws.key);
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("does not exist");
	}

	@Test
	void failsWhenTheKeyIsNotInKeyVaultArmIdsVault() {
		this.ws.encryption.keyIdentifier = "https://elsewhere.vault.azure.net/keys/cmk-ws/v2";
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("not at keyVaultArmId's vault");
	}

	@Test
	void matchesTheVaultIgnoringCase() {
		this.ws.encryption.keyIdentifier = this.ws.key.currentVersionUri()
			.toUpperCase()
			.replace("/KEYS/", "/keys/")
			.replace("CMK-WS", "cmk-ws")
			.replace("/V2", "/v2");
		this.ws.encryption.keyVaultArmId = this.ws.vault.id.toLowerCase();
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
	}

	@Test
	void deniedVaultOrKeyListingIsUnknown() {
		this.fixture.failKeys(this.ws.vault);
		CheckResult keys = this.fixture.result(this.check, this.ws.id);
		assertThat(keys.status()).isEqualTo(UNKNOWN);
		assertThat(keys.detail()).contains("access was denied");
		this.fixture.deny(this.ws.vault.id, ReadFailure.Reason.FORBIDDEN);
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(UNKNOWN);
	}

	@Test
	void unversionedIdentifierFollowsTheCurrentVersion() {
		this.ws.encryption.keyIdentifier = this.ws.key.url();
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
	}

	@Test
	void notApplicableWithoutCustomerManagedKeyAndOnProjects() {
		WorkspaceSpec project = this.fixture.project(this.ws, "proj");
		this.ws.key.enabled = false;
		assertThat(this.fixture.result(this.check, project.id).status()).isEqualTo(NOT_APPLICABLE);
		assertThat(this.fixture.result(this.check, this.ws.id).workspaceIds()).contains(project.id);
		this.ws.encryption = null;
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(NOT_APPLICABLE);
	}

}
