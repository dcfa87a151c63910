package io.amlwarden.azure;

/**
 * The Azure APIs the module talks to; used to tag metrics and count requests.
 */
enum AzureApi {

	ARM("arm"), RESOURCE_GRAPH("resource-graph"), KEY_VAULT("key-vault"), MICROSOFT_GRAPH("microsoft-graph"),
	IDENTITY("identity");

	private final String tag;

	AzureApi(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

}
