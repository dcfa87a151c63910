package io.amlwarden.inventory;

import java.util.List;

/**
 * Firewall rules of a vault, storage account or registry ({@code networkAcls} /
 * {@code networkRuleSet}).
 *
 * @param defaultAction Allow or Deny; {@code null} when not returned
 * @param bypass e.g. AzureServices, None, or a comma-separated list
 * @param ipRules allowed address ranges
 * @param virtualNetworkRules allowed subnet ids
 */
public record NetworkRules(String defaultAction, String bypass, List<String> ipRules,
		List<String> virtualNetworkRules) {

	public NetworkRules {
		ipRules = (ipRules != null) ? List.copyOf(ipRules) : List.of();
		virtualNetworkRules = (virtualNetworkRules != null) ? List.copyOf(virtualNetworkRules) : List.of();
	}

	public boolean deniesByDefault() {
		return "deny".equalsIgnoreCase(this.defaultAction);
	}

}
