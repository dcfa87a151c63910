package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AcrExportDisabledCheck extends RegistryCheck {

	private static final String PATH = "properties.policies.exportPolicy.status";

	AcrExportDisabledCheck() {
		super(Meta.id("acr-export-disabled")
			.title("Container registries have exports disabled")
			.severity(Severity.MEDIUM)
			.category(Category.DATA_PROTECTION)
			.policies("524b0254-c285-4903-bee6-bb8126cde579")
			.mcsb("DP-2")
			.rationale("With exports enabled, anyone allowed to run 'az acr import' or a transfer pipeline can copy"
					+ " the workspace's images (which embed code and sometimes model weights) to another registry,"
					+ " bypassing the registry's network rules. Disabling exports (Premium only, with public access"
					+ " disabled) leaves docker pull over private link as the only way out. Absent means enabled.")
			.cli("az acr update --name <registry> --allow-exports false --public-network-enabled false")
			.bicep("properties.policies.exportPolicy.status: 'disabled'"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "disabled";
	}

	@Override
	Verdict judge(ContainerRegistry registry) {
		return Values.statusDisabled(registry.exportPolicyStatus(), PATH, "Exports are disabled",
				"Exports are enabled");
	}

}
