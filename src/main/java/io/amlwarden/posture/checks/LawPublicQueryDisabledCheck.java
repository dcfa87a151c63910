package io.amlwarden.posture.checks;

import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class LawPublicQueryDisabledCheck extends LogAnalyticsCheck {

	private static final String PATH = "properties.publicNetworkAccessForQuery";

	LawPublicQueryDisabledCheck() {
		super(Meta.id("law-public-query-disabled")
			.title("Log Analytics workspaces block queries from public networks")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("6c53d030-cc64-46f0-906d-2bc061cd1334")
			.mcsb("NS-2")
			.rationale("Public query access lets the logs of the ML workspaces (request traces, audit events,"
					+ " identities) be read from anywhere on the internet with a stolen token; queries should go"
					+ " through Azure Monitor Private Link. Absent means Enabled.")
			.cli("az monitor log-analytics workspace update --resource-group <rg> --workspace-name <law>"
					+ " --query-access Disabled")
			.bicep("Microsoft.OperationalInsights/workspaces: properties.publicNetworkAccessForQuery: 'Disabled'"));
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
		return Values.publicAccessDisabled(law.publicNetworkAccessForQuery(), PATH,
				"Log Analytics workspace's query API");
	}

}
