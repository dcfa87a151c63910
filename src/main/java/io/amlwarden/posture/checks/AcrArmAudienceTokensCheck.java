package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AcrArmAudienceTokensCheck extends RegistryCheck {

	private static final String PATH = "properties.policies.azureADAuthenticationAsArmPolicy.status";

	AcrArmAudienceTokensCheck() {
		super(Meta.id("acr-arm-audience-tokens")
			.title("Container registries refuse ARM-audience Entra tokens")
			.severity(Severity.LOW)
			.category(Category.IDENTITY)
			.policies("42781ec6-6127-4c30-bdfa-fb423a0047d3")
			.mcsb("IM-1")
			.rationale("When ARM-audience tokens are accepted, any Entra token issued for management.azure.com can"
					+ " be exchanged for registry access, so Conditional Access policies scoped to the registry do"
					+ " not apply. Requiring registry-audience tokens makes registry sign-ins visible and"
					+ " controllable on their own. Absent means ARM-audience tokens are accepted.")
			.cli("az acr config authentication-as-arm update --registry <registry> --status disabled")
			.bicep("properties.policies.azureADAuthenticationAsArmPolicy.status: 'disabled'"));
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
		return Values.statusDisabled(registry.azureAdAuthenticationAsArmPolicyStatus(), PATH,
				"Only registry-audience tokens are accepted", "ARM-audience tokens are accepted");
	}

}
