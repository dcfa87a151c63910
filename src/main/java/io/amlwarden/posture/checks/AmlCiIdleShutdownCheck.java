package io.amlwarden.posture.checks;

import java.util.Set;

import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlCiIdleShutdownCheck extends ComputeCheck {

	private static final String PATH = "properties.properties.idleTimeBeforeShutdown";

	AmlCiIdleShutdownCheck() {
		super(Meta.id("aml-ci-idle-shutdown")
			.title("Compute instances shut down when idle")
			.severity(Severity.LOW)
			.category(Category.ACCESS)
			.policies("679ddf89-ab8f-48a5-9029-e76054077449")
			.rationale("An idle instance keeps a signed-in user's session, tokens and mounted data alive, and"
					+ " costs money. Absent means it never shuts down.")
			.cli("az ml compute update --name <instance> --resource-group <rg> --workspace-name <workspace>"
					+ " --idle-time-before-shutdown-minutes 60")
			.bicep("Microsoft.MachineLearningServices/workspaces/computes: properties.properties"
					+ ".idleTimeBeforeShutdown: 'PT60M'"),
				Set.of(COMPUTE_INSTANCE));
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
	Verdict judge(Compute compute, Workspace workspace, WorkspaceGraph graph) {
		String idle = compute.idleTimeBeforeShutdown();
		return Verdict.of(!Values.isBlank(idle), PATH, idle, "set", "The instance shuts down after " + idle,
				"The instance never shuts down when idle");
	}

}
