package io.amlwarden.posture.checks;

import java.util.Set;

import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlWsDiagnosticLogsCheck extends WorkspaceCheck {

	private static final String EXPECTED = "an enabled log (category group audit or allLogs, or any category)"
			+ " sent to Log Analytics, storage or Event Hub";

	AmlWsDiagnosticLogsCheck() {
		super(Meta.id("aml-ws-diagnostic-logs")
			.title("Workspaces send resource logs to a destination")
			.severity(Severity.MEDIUM)
			.category(Category.LOGGING)
			.policies("afe0c3be-ba3b-4544-ba52-0c99672a8ad6")
			.mcsb("LT-3")
			.rationale("Resource logs (compute, job, model and data events) are needed to investigate an"
					+ " incident. A setting counts when it has a destination and an enabled log, given either as an"
					+ " explicit category or as the audit/allLogs category group. Retention is not judged: it is"
					+ " deprecated on diagnostic settings, although the built-in policy still reasons about it."
					+ " Diagnostic settings are per resource, so projects are judged on their own.")
			.cli("az monitor diagnostic-settings create --name send-to-law --resource <workspace-id>"
					+ " --workspace <log-analytics-id> --logs '[{\"categoryGroup\":\"audit\",\"enabled\":true}]'")
			.bicep("Microsoft.Insights/diagnosticSettings (scope: the workspace): properties: { workspaceId:"
					+ " <log-analytics-id>, logs: [{ categoryGroup: 'audit', enabled: true }] }"),
				false);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		return Diagnostics.judge(graph.snapshot().diagnosticSettings(workspace.id()),
				Diagnostics.auditGroupOr(Set.of()), EXPECTED, "workspace");
	}

}
