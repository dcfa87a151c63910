package io.amlwarden.posture.checks;

import io.amlwarden.inventory.DefenderPricing;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class DefKeyvaultCheckTests {

	private static final String PRICING = "/subscriptions/" + PostureFixture.SUBSCRIPTION
			+ "/providers/Microsoft.Security/pricings/KeyVaults";

	private final DefKeyvaultCheck check = new DefKeyvaultCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenStandardAndIsReportedUnderTheSubscriptionsWorkspaces() {
		WorkspaceSpec other = this.fixture.workspace("other");
		CheckResult result = this.fixture.result(this.check, PRICING);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id, other.id);
		assertThat(result.resourceType()).isEqualTo("Microsoft.Security/pricings");
	}

	@Test
	void failsWhenFreeComparingTiersIgnoringCase() {
		tier("free");
		CheckResult result = this.fixture.result(this.check, PRICING);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("free");
		tier("STANDARD");
		assertThat(this.fixture.result(this.check, PRICING).status()).isEqualTo(PASS);
	}

	@Test
	void unlistedPlanHasItsDefaultTierFree() {
		this.fixture.pricings.removeIf((p) -> p.plan().equals("KeyVaults"));
		CheckResult result = this.fixture.result(this.check, PRICING);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void unreadableOrEmptyPlanListIsUnknown() {
		this.fixture.pricings.clear();
		assertThat(this.fixture.result(this.check, PRICING).status()).isEqualTo(UNKNOWN);
		this.fixture.failListing(PostureFixture.SUBSCRIPTION, "defenderPricings");
		CheckResult result = this.fixture.result(this.check, PRICING);
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.detail()).contains("access was denied");
	}

	private void tier(String tier) {
		this.fixture.pricings.replaceAll((p) -> p.plan().equals("KeyVaults")
				? new DefenderPricing(p.id(), p.subscriptionId(), p.plan(), tier, null) : p);
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
