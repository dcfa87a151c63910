package io.amlwarden.posture.checks;

import java.util.Map;
import java.util.Set;

import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class DefArmCheck extends DefenderCheck {

	DefArmCheck() {
		super(Meta.id("def-arm")
			.title("Defender for Resource Manager is on in workspace subscriptions")
			.severity(Severity.HIGH)
			.category(Category.THREAT_PROTECTION)
			.policies("c3d20c29-b36d-48fe-808b-99a87530ad99")
			.mcsb("LT-1")
			.rationale(
					"Defender for Resource Manager detects suspicious management operations, such as a workspace's key or network settings being changed by an unusual caller.")
			.cli("az security pricing create --name Arm --tier Standard")
			.bicep("Microsoft.Security/pricings (subscription scope) name 'Arm': properties.pricingTier: 'Standard'"),
				"Arm");
	}

	@Override
	Map<String, Set<String>> subscriptions(WorkspaceGraph graph) {
		return workspaceSubscriptions(graph);
	}

}
