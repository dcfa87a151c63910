package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StMinTls12Check extends StorageCheck {

	private static final String PATH = "properties.minimumTlsVersion";

	private static final String EXPECTED = "TLS1_2 or higher";

	StMinTls12Check() {
		super(Meta.id("st-min-tls-1-2")
			.title("Storage accounts require TLS 1.2 or higher")
			.severity(Severity.HIGH)
			.category(Category.DATA_PROTECTION)
			.policies("fe83a0eb-a853-422d-aac2-1bffd182c5d0")
			.mcsb("DP-3")
			.rationale("TLS 1.0 and 1.1 are deprecated. The version is compared as a number, so TLS1_3 passes;"
					+ " the built-in policy and some tools test equality with TLS1_2 and flag TLS 1.3 as insecure."
					+ " Absent means TLS1_0, the default for accounts that never set it.")
			.cli("az storage account update --name <account> --resource-group <rg> --min-tls-version TLS1_2")
			.bicep("properties.minimumTlsVersion: 'TLS1_2'"));
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
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		String version = account.minimumTlsVersion();
		if (version == null) {
			return Verdict.fail(PATH, null, EXPECTED, "Not set, which means TLS 1.0 is accepted");
		}
		int parsed = Values.tlsVersion(version);
		if (parsed < 0) {
			return Verdict.unknown(PATH, EXPECTED, "Unrecognised minimum TLS version '" + version + "'");
		}
		return Verdict.of(parsed >= 12, PATH, version, EXPECTED, "The account requires " + version,
				"The account accepts " + version);
	}

}
