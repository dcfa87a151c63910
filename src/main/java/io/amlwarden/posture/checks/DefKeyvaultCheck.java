package io.amlwarden.posture.checks;

import java.util.Map;
import java.util.Set;

import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class DefKeyvaultCheck extends DefenderCheck {

	DefKeyvaultCheck() {
		super(Meta.id("def-keyvault")
			.title("Defender for Key Vault is on where workspace vaults live")
			.severity(Severity.HIGH)
			.category(Category.THREAT_PROTECTION)
			.policies("0e6763cc-5078-4e64-889d-ff4d9a839047")
			.mcsb("LT-1")
			.rationale(
					"Defender for Key Vault alerts on unusual access to keys, such as a customer-managed key being read from an unfamiliar location. Judged in each subscription that holds a vault of a workspace system, and reported under those workspaces.")
			.cli("az security pricing create --name KeyVaults --tier Standard")
			.bicep("Microsoft.Security/pricings (subscription scope) name 'KeyVaults': properties.pricingTier: 'Standard'"),
				"KeyVaults");
	}

	@Override
	Map<String, Set<String>> subscriptions(WorkspaceGraph graph) {
		return dependencySubscriptions(graph.vaults());
	}

}
