package io.amlwarden.posture.checks;

import io.amlwarden.inventory.DefenderPricing;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureCheck;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases every Defender plan check must meet; each {@code Def…CheckTests} names its
 * check and plan and adds the cases only its plan has. The Defender checks differ only in
 * the plan they read, so one set of cases keeps them in step.
 */
abstract class DefenderPlanCheckCases {

	final PostureCheck check;

	final String plan;

	final String pricing;

	final PostureFixture fixture = PostureFixture.create();

	final WorkspaceSpec ws = this.fixture.workspace("ws");

	DefenderPlanCheckCases(PostureCheck check, String plan) {
		this.check = check;
		this.plan = plan;
		this.pricing = "/subscriptions/" + PostureFixture.SUBSCRIPTION + "/providers/Microsoft.Security/pricings/"
				+ plan;
	}

	@Test
	void passesWhenStandardAndIsReportedUnderTheSubscriptionsWorkspaces() {
		WorkspaceSpec other = this.fixture.workspace("other");
		CheckResult result = this.fixture.result(this.check, this.pricing);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id, other.id);
		assertThat(result.resourceType()).isEqualTo("Microsoft.Security/pricings");
	}

	@Test
	void failsWhenFreeComparingTiersIgnoringCase() {
		tier("free");
		CheckResult result = this.fixture.result(this.check, this.pricing);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("free");
		tier("STANDARD");
		assertThat(this.fixture.result(this.check, this.pricing).status()).isEqualTo(PASS);
	}

	@Test
	void unlistedPlanHasItsDefaultTierFree() {
		this.fixture.pricings.removeIf((p) -> p.plan().equals(this.plan));
		CheckResult result = this.fixture.result(this.check, this.pricing);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void unreadableOrEmptyPlanListIsUnknown() {
		this.fixture.pricings.clear();
		assertThat(this.fixture.result(this.check, this.pricing).status()).isEqualTo(UNKNOWN);
		this.fixture.failListing(PostureFixture.SUBSCRIPTION, "defenderPricings");
		CheckResult result = this.fixture.result(this.check, this.pricing);
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.detail()).contains("access was denied");
	}

	private void tier(String tier) {
		this.fixture.pricings.replaceAll((p) -> p.plan().equals(this.plan)
				? new DefenderPricing(p.id(), p.subscriptionId(), p.plan(), tier, null) : p);
	}

}
