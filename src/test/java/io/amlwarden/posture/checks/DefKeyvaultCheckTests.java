package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class DefKeyvaultCheckTests extends DefenderPlanCheckCases {

	DefKeyvaultCheckTests() {
		super(new DefKeyvaultCheck(), "KeyVaults");
	}

	@Test
	void vaultInASubscriptionOutsideTheScopeIsUnknown() {
		String central = "00000000-0000-4000-8000-00000000000c";
		PostureFixture.VaultSpec vault = this.fixture.vault("/subscriptions/" + central + "/resourceGroups/rg-keys",
				"kv-central");
		this.ws.encryption.keyVaultArmId = vault.id;
		CheckResult result = this.fixture.result(this.check,
				"/subscriptions/" + central + "/providers/Microsoft.Security/pricings/KeyVaults");
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.detail()).contains("outside the scan scope");
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

}
