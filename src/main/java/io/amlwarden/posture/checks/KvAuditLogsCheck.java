package io.amlwarden.posture.checks;

import java.util.Set;

import io.amlwarden.inventory.KeyVault;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvAuditLogsCheck extends VaultCheck {

	private static final String EXPECTED = "category AuditEvent, or category group audit or allLogs, enabled and"
			+ " sent to a destination";

	KvAuditLogsCheck() {
		super(Meta.id("kv-audit-logs")
			.title("Key Vaults send their audit events to a destination")
			.severity(Severity.HIGH)
			.category(Category.LOGGING)
			.policies("cf820ca0-f99e-4f3e-84fb-66e913812d21")
			.mcsb("LT-3")
			.cis("CIS Azure 2.0.0 5.1.5")
			.rationale("AuditEvent records every key operation (wrap, unwrap, rotate, delete), the trail needed"
					+ " after a key compromise. Both the explicit AuditEvent category and the audit/allLogs category"
					+ " groups count, to Log Analytics, storage or Event Hub: tools that accepted only one form"
					+ " reported compliant vaults as failing.")
			.cli("az monitor diagnostic-settings create --name send-to-law --resource <vault-id>"
					+ " --workspace <log-analytics-id> --logs '[{\"categoryGroup\":\"audit\",\"enabled\":true}]'")
			.bicep("Microsoft.Insights/diagnosticSettings (scope: the vault): properties: { workspaceId:"
					+ " <log-analytics-id>, logs: [{ categoryGroup: 'audit', enabled: true }] }"));
	}

	@Override
	String path() {
		return Diagnostics.PATH;
	}

	@Override
	String expected() {
		return EXPECTED;
	}

	@Override
	Verdict judge(KeyVault vault, WorkspaceGraph graph) {
		return Diagnostics.judge(graph.snapshot().diagnosticSettings(vault.id()),
				Diagnostics.auditGroupOr(Set.of("AuditEvent")), EXPECTED, "vault");
	}

}
