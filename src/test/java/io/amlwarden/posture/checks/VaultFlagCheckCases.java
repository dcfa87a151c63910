package io.amlwarden.posture.checks;

import java.util.function.BiConsumer;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureCheck;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.VaultSpec;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases of a Key Vault check that requires one vault property to be on: on passes,
 * off fails, absent counts as off, and a denied vault is unknown but still reported under
 * its workspace. Each {@code Kv…CheckTests} names its check and the property.
 */
abstract class VaultFlagCheckCases {

	final PostureCheck check;

	final PostureFixture fixture = PostureFixture.create();

	final WorkspaceSpec ws = this.fixture.workspace("ws");

	private final BiConsumer<VaultSpec, Boolean> flag;

	VaultFlagCheckCases(PostureCheck check, BiConsumer<VaultSpec, Boolean> flag) {
		this.check = check;
		this.flag = flag;
	}

	@Test
	void passesWhenOn() {
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
		assertThat(result.resourceType()).isEqualTo("Microsoft.KeyVault/vaults");
	}

	@Test
	void failsWhenOff() {
		this.flag.accept(this.ws.vault, false);
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("false");
	}

	@Test
	void absentMeansOffAndNeverPassesByAccident() {
		this.flag.accept(this.ws.vault, null);
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
