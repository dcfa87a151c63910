package io.amlwarden.posture.checks;

import java.util.Map;
import java.util.Set;

import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class DefAiCheck extends DefenderCheck {

	DefAiCheck() {
		super(Meta.id("def-ai")
			.title("Defender for AI services is on in workspace subscriptions")
			.severity(Severity.MEDIUM)
			.category(Category.THREAT_PROTECTION)
			.policies("c2c0c6d8-007b-4a48-8d9b-3539bddd8e87")
			.rationale(
					"Defender for AI services detects prompt injection, data leakage and credential theft against AI endpoints. Its built-in policy is not part of MCSB, and no mainstream scanner checks it.")
			.cli("az security pricing create --name AI --tier Standard")
			.bicep("Microsoft.Security/pricings (subscription scope) name 'AI': properties.pricingTier: 'Standard'"),
				"AI");
	}

	@Override
	Map<String, Set<String>> subscriptions(WorkspaceGraph graph) {
		return workspaceSubscriptions(graph);
	}

}
