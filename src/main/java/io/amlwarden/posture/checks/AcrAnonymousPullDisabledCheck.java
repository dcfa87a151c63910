package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AcrAnonymousPullDisabledCheck extends RegistryCheck {

	private static final String PATH = "properties.anonymousPullEnabled";

	AcrAnonymousPullDisabledCheck() {
		super(Meta.id("acr-anonymous-pull-disabled")
			.title("Container registries forbid anonymous pull")
			.severity(Severity.HIGH)
			.category(Category.ACCESS)
			.policies("9f2dea28-e834-476c-99c5-3507b4728395")
			.rationale("Anonymous pull lets anyone who can reach the registry download every image, with the"
					+ " models and code inside. Its documented default is false, so an absent value passes.")
			.cli("az acr update --name <registry> --anonymous-pull-enabled false")
			.bicep("properties.anonymousPullEnabled: false"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "false";
	}

	@Override
	Verdict judge(ContainerRegistry registry) {
		Boolean enabled = registry.anonymousPullEnabled();
		if (enabled == null) {
			return Verdict.pass(PATH, null, "false (absent means false)", "Not set; the default is disabled");
		}
		return Verdict.of(!enabled, PATH, enabled, "false", "Anonymous pull is disabled", "Anonymous pull is enabled");
	}

}
