package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AcrAdminDisabledCheck extends RegistryCheck {

	private static final String PATH = "properties.adminUserEnabled";

	AcrAdminDisabledCheck() {
		super(Meta.id("acr-admin-disabled")
			.title("Container registries have the admin user disabled")
			.severity(Severity.HIGH)
			.category(Category.IDENTITY)
			.policies("dc921057-6b28-4fbe-9b83-f7bec05db6c2")
			.rationale("The admin user is a shared username and password with push and pull rights. Workspaces"
					+ " no longer need it (older documentation required it); identities with AcrPull/AcrPush"
					+ " replace it. Its documented default is false, so an absent value passes.")
			.cli("az acr update --name <registry> --admin-enabled false")
			.bicep("properties.adminUserEnabled: false"));
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
		Boolean enabled = registry.adminUserEnabled();
		if (enabled == null) {
			return Verdict.pass(PATH, null, "false (absent means false)", "Not set; the default is disabled");
		}
		return Verdict.of(!enabled, PATH, enabled, "false", "The admin user is disabled", "The admin user is enabled");
	}

}
