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

class DefStorageCheckTests {

	private static final String PRICING = "/subscriptions/" + PostureFixture.SUBSCRIPTION
			+ "/providers/Microsoft.Security/pricings/StorageAccounts";

	private final DefStorageCheck check = new DefStorageCheck();

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
		this.fixture.pricings.removeIf((p) -> p.plan().equals("StorageAccounts"));
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
		this.fixture.pricings.replaceAll((p) -> p.plan().equals("StorageAccounts")
				? new DefenderPricing(p.id(), p.subscriptionId(), p.plan(), tier, null) : p);
	}

}
