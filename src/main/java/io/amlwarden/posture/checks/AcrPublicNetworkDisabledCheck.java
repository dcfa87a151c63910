package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AcrPublicNetworkDisabledCheck extends RegistryCheck {

	private static final String PATH = "properties.publicNetworkAccess";

	AcrPublicNetworkDisabledCheck() {
		super(Meta.id("acr-public-network-disabled")
			.title("Container registries disable public network access")
			.severity(Severity.HIGH)
			.category(Category.NETWORK)
			.policies("0fdf0491-d080-4575-b627-ad0e843cba0f")
			.mcsb("NS-2")
			.rationale("Environment and model images should be pulled over private endpoints only. Absent means"
					+ " Enabled.")
			.cli("az acr update --name <registry> --public-network-enabled false")
			.bicep("properties.publicNetworkAccess: 'Disabled'"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return Values.DISABLED;
	}

	@Override
	Verdict judge(ContainerRegistry registry) {
		return Values.publicAccessDisabled(registry.publicNetworkAccess(), PATH, "registry");
	}

}
