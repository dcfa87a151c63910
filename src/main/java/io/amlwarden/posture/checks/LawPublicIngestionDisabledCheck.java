package io.amlwarden.posture.checks;

import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class LawPublicIngestionDisabledCheck extends LogAnalyticsCheck {

	private static final String PATH = "properties.publicNetworkAccessForIngestion";

	LawPublicIngestionDisabledCheck() {
		super(Meta.id("law-public-ingestion-disabled")
			.title("Log Analytics workspaces block ingestion from public networks")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("6c53d030-cc64-46f0-906d-2bc061cd1334")
			.mcsb("NS-2")
			.rationale("Public ingestion lets any client on the internet that holds credentials write into the"
					+ " workspace that keeps the ML workspaces' audit logs and telemetry; ingestion should go through"
					+ " Azure Monitor Private Link. Absent means Enabled. The Azure Policy judges ingestion and query"
					+ " together; they are separate checks here because they are separate switches.")
			.cli("az monitor log-analytics workspace update --resource-group <rg> --workspace-name <law>"
					+ " --ingestion-access Disabled")
			.bicep("Microsoft.OperationalInsights/workspaces: properties.publicNetworkAccessForIngestion: 'Disabled'"));
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
	Verdict judge(MonitoringResource law) {
		return Values.publicAccessDisabled(law.publicNetworkAccessForIngestion(), PATH,
				"Log Analytics workspace's ingestion");
	}

}
