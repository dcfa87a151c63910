package io.amlwarden.posture.checks;

/**
 * ARM types of the resources checks judge, as they appear in check metadata and results.
 */
final class ResourceTypes {

	static final String WORKSPACE = "Microsoft.MachineLearningServices/workspaces";

	static final String COMPUTE = "Microsoft.MachineLearningServices/workspaces/computes";

	static final String ONLINE_ENDPOINT = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints";

	static final String KEY_VAULT = "Microsoft.KeyVault/vaults";

	static final String KEY = "Microsoft.KeyVault/vaults/keys";

	static final String STORAGE = "Microsoft.Storage/storageAccounts";

	static final String REGISTRY = "Microsoft.ContainerRegistry/registries";

	static final String APP_INSIGHTS = "Microsoft.Insights/components";

	static final String LOG_ANALYTICS = "Microsoft.OperationalInsights/workspaces";

	static final String PRICING = "Microsoft.Security/pricings";

	static final String SUBSCRIPTION = "Microsoft.Resources/subscriptions";

	private ResourceTypes() {
	}

}
