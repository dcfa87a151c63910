package io.amlwarden.posture.checks;

import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlWsHbiCheck extends WorkspaceCheck {

	private static final String PATH = "properties.hbiWorkspace";

	AmlWsHbiCheck() {
		super(Meta.id("aml-ws-hbi")
			.title("Workspaces holding sensitive data are flagged high business impact")
			.severity(Severity.LOW)
			.category(Category.DATA_PROTECTION)
			.regulatedOnly()
			.rationale("The HBI flag reduces the diagnostic data Microsoft collects, encrypts the local scratch"
					+ " disks of compute clusters and cleans them between jobs. It can only be set when the"
					+ " workspace is created; absent means false. Projects inherit it from their hub.")
			.cli("az ml workspace create --file workspace.yml --resource-group <rg>  # hbi_workspace: true")
			.bicep("properties.hbiWorkspace: true"), true);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		Boolean hbi = workspace.hbiWorkspace();
		return Verdict.of(Values.isTrue(hbi), PATH, hbi, "true", "The workspace is flagged high business impact",
				(hbi == null) ? "Not set, which means false" : "The workspace is not flagged high business impact");
	}

}
