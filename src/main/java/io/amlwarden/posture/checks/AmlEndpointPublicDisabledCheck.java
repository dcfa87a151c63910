package io.amlwarden.posture.checks;

import io.amlwarden.inventory.OnlineEndpoint;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AmlEndpointPublicDisabledCheck extends EndpointCheck {

	private static final String PATH = "properties.publicNetworkAccess";

	AmlEndpointPublicDisabledCheck() {
		super(Meta.id("aml-endpoint-public-disabled")
			.title("Managed online endpoints disable public network access")
			.severity(Severity.HIGH)
			.category(Category.NETWORK)
			.rationale("A public scoring endpoint exposes the model to the internet, where only its key or token"
					+ " protects it. Absent means Enabled. No Azure Policy built-in or mainstream scanner checks"
					+ " endpoints.")
			.cli("az ml online-endpoint update --name <endpoint> --resource-group <rg> --workspace-name <workspace>"
					+ " --set public_network_access=disabled")
			.bicep("Microsoft.MachineLearningServices/workspaces/onlineEndpoints: properties.publicNetworkAccess:"
					+ " 'Disabled'"));
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
	Verdict judge(OnlineEndpoint endpoint) {
		return Values.publicAccessDisabled(endpoint.publicNetworkAccess(), PATH, "online endpoint");
	}

}
