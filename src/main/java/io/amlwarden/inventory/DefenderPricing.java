package io.amlwarden.inventory;

/**
 * A Defender for Cloud plan of a subscription ({@code Microsoft.Security/pricings}).
 *
 * @param id ARM id
 * @param subscriptionId subscription (lower-cased)
 * @param plan the plan name: KeyVaults, StorageAccounts, Containers, Arm, CloudPosture,
 * AI, ...
 * @param pricingTier Free or Standard
 * @param subPlan the sub-plan, if any
 */
public record DefenderPricing(String id, String subscriptionId, String plan, String pricingTier, String subPlan) {

	public boolean isStandard() {
		return "standard".equalsIgnoreCase(this.pricingTier);
	}

}
