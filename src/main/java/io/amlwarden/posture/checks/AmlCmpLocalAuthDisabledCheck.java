package io.amlwarden.posture.checks;

import java.util.Set;

import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlCmpLocalAuthDisabledCheck extends ComputeCheck {

	private static final String PATH = "properties.disableLocalAuth";

	AmlCmpLocalAuthDisabledCheck() {
		super(Meta.id("aml-cmp-local-auth-disabled")
			.title("Workspace computes have local authentication disabled")
			.severity(Severity.MEDIUM)
			.category(Category.IDENTITY)
			.policies("e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f")
			.mcsb("IM-1")
			.rationale("With local authentication a compute accepts keys and SSH credentials that bypass Entra ID."
					+ " Absent means local auth is on. The property is fixed at creation.")
			.cli("az ml compute create --file compute.yml --resource-group <rg> --workspace-name <workspace>"
					+ "  # disable_local_auth: true (recreate the compute)")
			.bicep("Microsoft.MachineLearningServices/workspaces/computes: properties.disableLocalAuth: true"),
				Set.of());
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "true";
	}

	@Override
	Verdict judge(Compute compute, Workspace workspace, WorkspaceGraph graph) {
		Boolean disabled = compute.disableLocalAuth();
		return Verdict.of(Values.isTrue(disabled), PATH, disabled, "true", "Local authentication is disabled",
				(disabled == null) ? "Not set, which means local authentication is on"
						: "Local authentication is enabled");
	}

}
