package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AcrNetworkDefaultDenyCheck extends RegistryCheck {

	private static final String PATH = "properties.networkRuleSet.defaultAction";

	private static final String EXPECTED = "Deny, or publicNetworkAccess Disabled";

	AcrNetworkDefaultDenyCheck() {
		super(Meta.id("acr-network-default-deny")
			.title("Container registries do not allow unrestricted network access")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("d0793b48-0edc-4296-a390-4c75d1bdfd71")
			.mcsb("NS-2")
			.rationale("A registry accepts connections from any network unless its network rule set denies by"
					+ " default (Premium SKU) or public access is disabled. Absent rules mean Allow.")
			.cli("az acr update --name <registry> --default-action Deny")
			.bicep("properties.networkRuleSet.defaultAction: 'Deny'"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return EXPECTED;
	}

	@Override
	Verdict judge(ContainerRegistry registry) {
		if (Values.is(registry.publicNetworkAccess(), Values.DISABLED)) {
			return Verdict.pass("properties.publicNetworkAccess", registry.publicNetworkAccess(), EXPECTED,
					"Public network access is disabled");
		}
		String action = (registry.networkRules() != null) ? registry.networkRules().defaultAction() : null;
		return Verdict.of(Values.is(action, "Deny"), PATH, action, EXPECTED,
				"The registry denies network access by default",
				(action == null) ? "No network rule set, which means any network may connect"
						: "The registry allows network access by default");
	}

}
