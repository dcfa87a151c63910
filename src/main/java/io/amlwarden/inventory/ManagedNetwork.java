package io.amlwarden.inventory;

import java.util.List;

/**
 * A workspace's managed VNet ({@code properties.managedNetwork}).
 *
 * @param isolationMode Disabled, AllowInternetOutbound or AllowOnlyApprovedOutbound
 * @param status Inactive or Active
 * @param firewallSku Standard or Basic
 * @param networkKind V1 or V2
 * @param outboundRules the outbound rules by name
 */
public record ManagedNetwork(String isolationMode, String status, String firewallSku, String networkKind,
		List<OutboundRule> outboundRules) {

	public ManagedNetwork {
		outboundRules = (outboundRules != null) ? List.copyOf(outboundRules) : List.of();
	}

	/**
	 * One outbound rule.
	 *
	 * @param name the rule name
	 * @param type FQDN, PrivateEndpoint or ServiceTag
	 * @param category Required, Recommended, UserDefined, Dependency
	 * @param status Inactive or Active
	 * @param destination the destination: an FQDN, a service tag, or the target resource
	 * id
	 */
	public record OutboundRule(String name, String type, String category, String status, String destination) {
	}

}
