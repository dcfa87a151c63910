package io.amlwarden.posture.checks;

import java.util.Map;
import java.util.Set;

import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class DefStorageCheck extends DefenderCheck {

	DefStorageCheck() {
		super(Meta.id("def-storage")
			.title("Defender for Storage is on where workspace storage accounts live")
			.severity(Severity.HIGH)
			.category(Category.THREAT_PROTECTION)
			.policies("640d2586-54d2-465f-877f-9ffc1d2109f4")
			.mcsb("LT-1")
			.rationale(
					"Defender for Storage detects malware uploads and unusual data access on the accounts holding training data and models. Judged in each subscription that holds a workspace storage account.")
			.cli("az security pricing create --name StorageAccounts --tier Standard")
			.bicep("Microsoft.Security/pricings (subscription scope) name 'StorageAccounts': properties.pricingTier: 'Standard'"),
				"StorageAccounts");
	}

	@Override
	Map<String, Set<String>> subscriptions(WorkspaceGraph graph) {
		return dependencySubscriptions(graph.storageAccounts());
	}

}
