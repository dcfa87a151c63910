package io.amlwarden.posture.checks;

import java.util.List;
import java.util.Set;

import io.amlwarden.inventory.DiagnosticSetting;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.CheckStatus;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

/**
 * Storage logs live on the service sub-resources ({@code blobServices/default} and
 * friends); an account-level setting only carries metrics. The check accepts logs found
 * on either, and when neither shows logs it fails only if the service-level settings were
 * actually read.
 */
@Component
class StDiagnosticLogsCheck extends StorageCheck {

	private static final String EXPECTED = "StorageRead/StorageWrite/StorageDelete, or category group audit or"
			+ " allLogs, enabled on the blob service and sent to a destination";

	private static final List<String> SERVICES = List.of("blobServices", "fileServices", "queueServices",
			"tableServices");

	StDiagnosticLogsCheck() {
		super(Meta.id("st-diagnostic-logs")
			.title("Storage accounts log data access")
			.severity(Severity.MEDIUM)
			.category(Category.LOGGING)
			.mcsb("LT-3")
			.rationale("Read, write and delete logs show who touched training data and models. Azure accepts them"
					+ " on the service sub-resources (blobServices/default, ...), not on the account; a category"
					+ " or an audit/allLogs category group both count. When only account-level settings were"
					+ " collected and they carry no logs, the result is UNKNOWN rather than a guess.")
			.cli("az monitor diagnostic-settings create --name send-to-law --resource <account-id>/blobServices/default"
					+ " --workspace <log-analytics-id> --logs '[{\"categoryGroup\":\"audit\",\"enabled\":true}]'")
			.bicep("Microsoft.Insights/diagnosticSettings (scope: blobServices/default): properties: { workspaceId:"
					+ " <log-analytics-id>, logs: [{ categoryGroup: 'audit', enabled: true }] }"));
	}

	@Override
	String path() {
		return Diagnostics.PATH;
	}

	@Override
	String expected() {
		return EXPECTED;
	}

	@Override
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		var accepts = Diagnostics.auditGroupOr(Set.of("StorageRead", "StorageWrite", "StorageDelete"));
		Verdict accountLevel = Diagnostics.judge(graph.snapshot().diagnosticSettings(account.id()), accepts, EXPECTED,
				"storage account");
		if (accountLevel.status() == CheckStatus.PASS) {
			return accountLevel;
		}
		boolean anyServiceRead = false;
		for (String service : SERVICES) {
			ReadResult<List<DiagnosticSetting>> settings = graph.snapshot()
				.diagnosticSettings(account.id() + "/" + service + "/default");
			if (settings.isKnown()) {
				anyServiceRead = true;
				Verdict verdict = Diagnostics.judge(settings, accepts, EXPECTED, service);
				if (verdict.status() == CheckStatus.PASS) {
					return verdict;
				}
			}
		}
		if (anyServiceRead) {
			return Verdict.fail(Diagnostics.PATH, "no data-access logs", EXPECTED,
					"No diagnostic setting of the account or its services sends data-access logs");
		}
		return Verdict.unknown(Diagnostics.PATH, EXPECTED,
				"The diagnostic settings of the account's blob service were not collected, and account-level"
						+ " settings cannot carry storage logs");
	}

}
