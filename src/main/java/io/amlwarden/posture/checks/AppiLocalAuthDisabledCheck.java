package io.amlwarden.posture.checks;

import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AppiLocalAuthDisabledCheck extends AppInsightsCheck {

	private static final String PATH = "properties.DisableLocalAuth";

	AppiLocalAuthDisabledCheck() {
		super(Meta.id("appi-local-auth-disabled")
			.title("Application Insights components accept only Entra ID authenticated ingestion")
			.severity(Severity.MEDIUM)
			.category(Category.IDENTITY)
			.policies("199d5677-e4d9-4264-9465-efe1839c06bd")
			.rationale("With local auth the instrumentation key alone lets anyone send telemetry, so an attacker"
					+ " can forge or flood the workspace's logs. Absent means local auth is on.")
			.cli("az resource update --ids <component-id> --set properties.DisableLocalAuth=true")
			.bicep("properties.DisableLocalAuth: true"));
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
	Verdict judge(MonitoringResource component) {
		Boolean disabled = component.disableLocalAuth();
		return Verdict.of(Values.isTrue(disabled), PATH, disabled, "true", "Local authentication is disabled",
				(disabled == null) ? "Not set, which means the instrumentation key alone is accepted"
						: "Local authentication is enabled");
	}

}
