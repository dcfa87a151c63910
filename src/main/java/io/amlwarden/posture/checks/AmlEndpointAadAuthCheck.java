package io.amlwarden.posture.checks;

import io.amlwarden.inventory.OnlineEndpoint;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AmlEndpointAadAuthCheck extends EndpointCheck {

	private static final String PATH = "properties.authMode";

	private static final String EXPECTED = "AADToken";

	AmlEndpointAadAuthCheck() {
		super(Meta.id("aml-endpoint-aad-auth")
			.title("Managed online endpoints authenticate callers with Entra ID tokens")
			.severity(Severity.MEDIUM)
			.category(Category.IDENTITY)
			.mcsb("IM-1")
			.rationale("Key auth uses long-lived shared keys and AMLToken workspace-issued tokens; AADToken makes"
					+ " every call carry an Entra identity subject to RBAC and Conditional Access. Absent means Key,"
					+ " the service default. The mode is fixed when the endpoint is created.")
			.cli("az ml online-endpoint create --file endpoint.yml --resource-group <rg> --workspace-name <workspace>"
					+ "  # auth_mode: aad_token (recreate the endpoint)")
			.bicep("Microsoft.MachineLearningServices/workspaces/onlineEndpoints: properties.authMode: 'AADToken'"));
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
	Verdict judge(OnlineEndpoint endpoint) {
		String mode = endpoint.authMode();
		return Verdict.of(Values.is(mode, EXPECTED), PATH, mode, EXPECTED, "Callers present Entra ID tokens",
				(mode == null) ? "Not set, which means key authentication" : "Callers authenticate with " + mode);
	}

}
