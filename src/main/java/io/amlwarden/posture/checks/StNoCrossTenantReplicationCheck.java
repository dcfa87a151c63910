package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StNoCrossTenantReplicationCheck extends StorageCheck {

	private static final String PATH = "properties.allowCrossTenantReplication";

	StNoCrossTenantReplicationCheck() {
		super(Meta.id("st-no-cross-tenant-replication")
			.title("Storage accounts forbid object replication to other tenants")
			.severity(Severity.MEDIUM)
			.category(Category.DATA_PROTECTION)
			.policies("92a89a79-6c52-4a7e-a03f-61306fc49312")
			.rationale("Cross-tenant object replication can copy workspace data into a storage account in"
					+ " another Entra tenant. Accounts created before December 2023 allow it when the property is"
					+ " absent, so only an explicit false passes.")
			.cli("az storage account update --name <account> --resource-group <rg>"
					+ " --allow-cross-tenant-replication false")
			.bicep("properties.allowCrossTenantReplication: false"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "false";
	}

	@Override
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		Boolean allowed = account.allowCrossTenantReplication();
		return Verdict.of(Values.isFalse(allowed), PATH, allowed, "false", "Cross-tenant replication is forbidden",
				(allowed == null) ? "Not set, which allows cross-tenant replication on older accounts"
						: "Cross-tenant replication is allowed");
	}

}
