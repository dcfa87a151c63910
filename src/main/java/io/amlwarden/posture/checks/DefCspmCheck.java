package io.amlwarden.posture.checks;

import java.util.Map;
import java.util.Set;

import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class DefCspmCheck extends DefenderCheck {

	DefCspmCheck() {
		super(Meta.id("def-cspm")
			.title("Defender CSPM is on in workspace subscriptions")
			.severity(Severity.MEDIUM)
			.category(Category.THREAT_PROTECTION)
			.policies("1f90fc71-a595-4066-8974-d4d0802e8ef0")
			.mcsb("LT-1")
			.rationale(
					"Defender CSPM adds attack-path analysis and the cloud security graph, which include AI workloads, on top of the free foundational posture.")
			.cli("az security pricing create --name CloudPosture --tier Standard")
			.bicep("Microsoft.Security/pricings (subscription scope) name 'CloudPosture': properties.pricingTier: 'Standard'"),
				"CloudPosture");
	}

	@Override
	Map<String, Set<String>> subscriptions(WorkspaceGraph graph) {
		return workspaceSubscriptions(graph);
	}

}
