package io.amlwarden.posture.checks;

import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class LawLocalAuthDisabledCheck extends LogAnalyticsCheck {

	private static final String PATH = "properties.features.disableLocalAuth";

	LawLocalAuthDisabledCheck() {
		super(Meta.id("law-local-auth-disabled")
			.title("Log Analytics workspaces accept only Entra ID authenticated ingestion")
			.severity(Severity.MEDIUM)
			.category(Category.IDENTITY)
			.policies("e15effd4-2278-4c65-a0da-4d6f6d1890e2")
			.mcsb("IM-1")
			.rationale("With local auth the workspace's shared key alone lets anyone write logs into it, so an"
					+ " attacker holding the key can forge or flood the audit trail of the ML workspaces that send"
					+ " their telemetry there. Absent means local auth is on.")
			.cli("az monitor log-analytics workspace update --resource-group <rg> --workspace-name <law>"
					+ " --set properties.features.disableLocalAuth=true")
			.bicep("Microsoft.OperationalInsights/workspaces: properties.features.disableLocalAuth: true"));
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
	Verdict judge(MonitoringResource law) {
		Boolean disabled = law.disableLocalAuth();
		return Verdict.of(Values.isTrue(disabled), PATH, disabled, "true", "Local authentication is disabled",
				(disabled == null) ? "Not set, which means the shared key alone is accepted"
						: "Local authentication is enabled");
	}

}
