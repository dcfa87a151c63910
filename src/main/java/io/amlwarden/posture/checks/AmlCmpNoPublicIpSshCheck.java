package io.amlwarden.posture.checks;

import java.util.Set;

import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class AmlCmpNoPublicIpSshCheck extends ComputeCheck {

	private static final String PATH = "properties.properties.enableNodePublicIp";

	private static final String EXPECTED = "false, and remoteLoginPortPublicAccess not Enabled";

	AmlCmpNoPublicIpSshCheck() {
		super(Meta.id("aml-cmp-no-public-ip-ssh")
			.title("Compute instances and clusters have no public IP and no public SSH")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.rationale("A node public IP makes the compute reachable from the internet, and an open SSH port"
					+ " invites brute force. enableNodePublicIp defaults to true, so absent fails. No Azure Policy"
					+ " built-in or mainstream scanner checks this.")
			.cli("az ml compute create --file compute.yml --resource-group <rg> --workspace-name <workspace>"
					+ "  # enable_node_public_ip: false, ssh_public_access_enabled: false (recreate the compute)")
			.bicep("Microsoft.MachineLearningServices/workspaces/computes: properties.properties:"
					+ " { enableNodePublicIp: false, remoteLoginPortPublicAccess: 'Disabled' }"),
				Set.of(COMPUTE_INSTANCE, AML_COMPUTE));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return EXPECTED;
	}

	@Override
	Verdict judge(Compute compute, Workspace workspace, WorkspaceGraph graph) {
		Boolean publicIp = compute.enableNodePublicIp();
		String ssh = compute.remoteLoginPortPublicAccess();
		String observed = "enableNodePublicIp=" + Verdict.show(publicIp) + ", remoteLoginPortPublicAccess="
				+ Verdict.show(ssh);
		if (!Values.isFalse(publicIp)) {
			return Verdict.fail(PATH, observed, EXPECTED,
					(publicIp == null) ? "Node public IP is not set, which means the nodes get public IPs"
							: "The nodes have public IPs" + (Values.is(ssh, "Enabled") ? " and SSH is open" : ""));
		}
		if (Values.is(ssh, "Enabled")) {
			return Verdict.fail("properties.properties.remoteLoginPortPublicAccess", observed, EXPECTED,
					"The public SSH port is enabled");
		}
		return Verdict.pass(PATH, observed, EXPECTED, "The nodes have no public IP");
	}

}
