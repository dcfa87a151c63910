package io.amlwarden.posture.checks;

import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AppiWorkspaceBasedCheck extends AppInsightsCheck {

	private static final String PATH = "properties.WorkspaceResourceId";

	AppiWorkspaceBasedCheck() {
		super(Meta.id("appi-workspace-based")
			.title("Application Insights components store their data in a Log Analytics workspace")
			.severity(Severity.LOW)
			.category(Category.LOGGING)
			.policies("d550e854-df1a-4de9-bf44-cd894b39a95e")
			.rationale("Workspace-based components inherit the Log Analytics workspace's access control,"
					+ " retention and customer-managed-key encryption; classic components are retired.")
			.cli("az monitor app-insights component update --app <component> --resource-group <rg>"
					+ " --workspace <log-analytics-id>")
			.bicep("properties.WorkspaceResourceId: <log-analytics-id>"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "set";
	}

	@Override
	Verdict judge(MonitoringResource component) {
		String workspace = component.workspaceResourceId();
		return Verdict.of(!Values.isBlank(workspace), PATH, workspace, "set", "The component writes to " + workspace,
				"The component is not linked to a Log Analytics workspace");
	}

}
