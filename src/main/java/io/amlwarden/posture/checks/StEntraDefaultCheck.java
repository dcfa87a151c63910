package io.amlwarden.posture.checks;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class StEntraDefaultCheck extends StorageCheck {

	private static final String PATH = "properties.defaultToOAuthAuthentication";

	StEntraDefaultCheck() {
		super(Meta.id("st-entra-default")
			.title("Storage accounts default to Entra ID authorization in the portal")
			.severity(Severity.LOW)
			.category(Category.IDENTITY)
			.rationale("Defaulting to Entra ID makes portal and Storage Explorer access use identities and RBAC"
					+ " instead of account keys. Absent means false.")
			.cli("az resource update --ids <account-id> --set properties.defaultToOAuthAuthentication=true")
			.bicep("properties.defaultToOAuthAuthentication: true"));
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
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		Boolean entra = account.defaultToOAuthAuthentication();
		return Verdict.of(Values.isTrue(entra), PATH, entra, "true", "The account defaults to Entra ID",
				(entra == null) ? "Not set, which means account keys by default" : "The account defaults to keys");
	}

}
