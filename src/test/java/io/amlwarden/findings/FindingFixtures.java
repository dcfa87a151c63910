package io.amlwarden.findings;

import java.util.List;

import io.amlwarden.findings.Observation.Outcome;

/**
 * ARM ids and observations in one test subscription, shared by the findings API tests.
 *
 * @param subscription the subscription id every resource lives in
 */
record FindingFixtures(String subscription) {

	Observation observation(String check, String severity, String category, String resource, Outcome outcome) {
		return new Observation(check, "Title of " + check, severity, category, resource, "type",
				resource.substring(resource.lastIndexOf('/') + 1), this.subscription, List.of(workspace()), null,
				outcome, "properties.x", "observed", "expected", "detail", "az fix");
	}

	String workspace() {
		return "/subscriptions/" + this.subscription
				+ "/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws";
	}

	String vault(String name) {
		return "/subscriptions/" + this.subscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/" + name;
	}

	String storage(String name) {
		return "/subscriptions/" + this.subscription + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/"
				+ name;
	}

}
