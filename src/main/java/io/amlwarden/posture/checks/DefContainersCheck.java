package io.amlwarden.posture.checks;

import java.util.Map;
import java.util.Set;

import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class DefContainersCheck extends DefenderCheck {

	DefContainersCheck() {
		super(Meta.id("def-containers")
			.title("Defender for Containers is on where workspace registries live")
			.severity(Severity.HIGH)
			.category(Category.THREAT_PROTECTION)
			.policies("1c988dd6-ade4-430f-a608-2a3e5b0a6d38")
			.mcsb("LT-1")
			.rationale(
					"Defender for Containers scans the environment and inference images in the workspace registries for vulnerabilities. Judged in each subscription that holds a workspace registry.")
			.cli("az security pricing create --name Containers --tier Standard")
			.bicep("Microsoft.Security/pricings (subscription scope) name 'Containers': properties.pricingTier: 'Standard'"),
				"Containers");
	}

	@Override
	Map<String, Set<String>> subscriptions(WorkspaceGraph graph) {
		return dependencySubscriptions(graph.registries());
	}

}
