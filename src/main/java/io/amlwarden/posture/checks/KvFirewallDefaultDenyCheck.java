package io.amlwarden.posture.checks;

import io.amlwarden.inventory.KeyVault;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvFirewallDefaultDenyCheck extends VaultCheck {

	private static final String PATH = "properties.networkAcls.defaultAction";

	private static final String EXPECTED = "Deny, or publicNetworkAccess Disabled";

	KvFirewallDefaultDenyCheck() {
		super(Meta.id("kv-firewall-default-deny")
			.title("Key Vault firewalls deny by default, or public access is disabled")
			.severity(Severity.MEDIUM)
			.category(Category.NETWORK)
			.policies("55615ac9-af46-4a59-874e-391cc3dfb490")
			.mcsb("NS-2")
			.rationale("A firewall whose default action is Allow admits every public address. Absent networkAcls"
					+ " means Allow. When public network access is disabled the firewall no longer matters, so that"
					+ " passes too.")
			.cli("az keyvault update --name <vault> --resource-group <rg> --default-action Deny --bypass AzureServices")
			.bicep("properties.networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }"));
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
	Verdict judge(KeyVault vault, WorkspaceGraph graph) {
		if (Values.is(vault.publicNetworkAccess(), Values.DISABLED)) {
			return Verdict.pass("properties.publicNetworkAccess", vault.publicNetworkAccess(), EXPECTED,
					"Public network access is disabled, so the firewall is not exposed");
		}
		String action = (vault.networkRules() != null) ? vault.networkRules().defaultAction() : null;
		return Verdict.of(Values.is(action, "Deny"), PATH, action, EXPECTED, "The vault firewall denies by default",
				(action == null) ? "No firewall default action is set, which means Allow"
						: "The vault firewall allows by default");
	}

}
