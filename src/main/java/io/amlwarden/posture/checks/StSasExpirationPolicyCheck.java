package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StSasExpirationPolicyCheck extends StorageCheck {

	private static final String PATH = "properties.sasPolicy.sasExpirationPeriod";

	StSasExpirationPolicyCheck() {
		super(Meta.id("st-sas-expiration-policy")
			.title("Storage accounts have a SAS expiration policy")
			.severity(Severity.MEDIUM)
			.category(Category.IDENTITY)
			.policies("bc1b984e-ddae-40cc-801a-050a030e4fbe")
			.mcsb("IM-8")
			.rationale("Without a SAS policy a shared access signature can be minted with any lifetime, and a"
					+ " leaked long-lived SAS gives access to workspace data until the account key is rotated. The"
					+ " policy's expirationAction decides whether longer tokens are only logged (Log) or refused"
					+ " (Block); either passes, the evidence shows which.")
			.cli("az storage account update --name <account> --resource-group <rg> --sas-exp 1.00:00:00")
			.bicep("properties.sasPolicy: { sasExpirationPeriod: '1.00:00:00', expirationAction: 'Block' }"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "set";
	}

	@Override
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		String period = account.sasExpirationPeriod();
		if (Values.isBlank(period)) {
			return Verdict.fail(PATH, period, "set", "The account has no SAS expiration policy");
		}
		String action = (account.sasExpirationAction() != null) ? account.sasExpirationAction() : "Log";
		return Verdict.pass(PATH, period + " (" + action + ")", "set",
				"SAS tokens longer than " + period + " are " + (Values.is(action, "Block") ? "refused" : "logged"));
	}

}
