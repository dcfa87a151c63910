package io.amlwarden.posture.checks;

import java.util.Set;

import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlCiLatestOsCheck extends ComputeCheck {

	private static final String PATH = "properties.properties.osImageMetadata.isLatestOsImageVersion";

	AmlCiLatestOsCheck() {
		super(Meta.id("aml-ci-latest-os")
			.title("Compute instances run the latest OS image")
			.severity(Severity.MEDIUM)
			.category(Category.THREAT_PROTECTION)
			.policies("f110a506-2dcb-422e-bcea-d533fc8c35e2")
			.mcsb("PV-2")
			.rationale("Compute instances are not patched in place; only recreating them picks up security"
					+ " updates. When the service does not report the image status the result is UNKNOWN rather"
					+ " than a pass.")
			.cli("az ml compute delete --name <instance> --resource-group <rg> --workspace-name <workspace>;"
					+ " az ml compute create --file compute-instance.yml --resource-group <rg>"
					+ " --workspace-name <workspace>")
			.bicep("Redeploy the Microsoft.MachineLearningServices/workspaces/computes resource (no property pins"
					+ " the image)"),
				Set.of(COMPUTE_INSTANCE));
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
		Boolean latest = compute.latestOsImage();
		if (latest == null) {
			return Verdict.unknown(PATH, "true", "The service did not report whether the OS image is current");
		}
		return Verdict.of(latest, PATH, latest, "true", "The instance runs the latest OS image",
				"The instance runs an outdated OS image; recreate it");
	}

}
