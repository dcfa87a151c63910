package io.amlwarden.posture.checks;

import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;

import org.springframework.stereotype.Component;

@Component
class AppiPublicDisabledCheck extends AppInsightsCheck {

	private static final String PATH = "properties.publicNetworkAccessForIngestion, publicNetworkAccessForQuery";

	private static final String EXPECTED = "both Disabled";

	AppiPublicDisabledCheck() {
		super(Meta.id("appi-public-disabled")
			.title("Application Insights components block ingestion and queries from public networks")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("1bc02227-0cb6-4e11-8f53-eb0b22eab7e8")
			.mcsb("NS-2")
			.rationale("Public ingestion and query let anyone with a key send or read workspace telemetry from the"
					+ " internet; both should go through Azure Monitor Private Link. Absent means Enabled.")
			.cli("az monitor app-insights component update --app <component> --resource-group <rg>"
					+ " --ingestion-access Disabled --query-access Disabled")
			.bicep("properties: { publicNetworkAccessForIngestion: 'Disabled', publicNetworkAccessForQuery:"
					+ " 'Disabled' }"));
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
	Verdict judge(MonitoringResource component) {
		String ingestion = component.publicNetworkAccessForIngestion();
		String query = component.publicNetworkAccessForQuery();
		String observed = "ingestion=" + Verdict.show(ingestion) + ", query=" + Verdict.show(query);
		boolean passes = Values.is(ingestion, Values.DISABLED) && Values.is(query, Values.DISABLED);
		return Verdict.of(passes, PATH, observed, EXPECTED, "Public ingestion and query are disabled",
				"Public ingestion or query is enabled (absent means Enabled)");
	}

}
