package io.amlwarden.inventory;

/**
 * An Application Insights component ({@code Microsoft.Insights/components}) or a Log
 * Analytics workspace ({@code Microsoft.OperationalInsights/workspaces}); posture checks
 * both for local auth and public access in the same way.
 *
 * @param id ARM id
 * @param name name
 * @param type the ARM type, lower-cased
 * @param subscriptionId subscription (lower-cased)
 * @param resourceGroup resource group (lower-cased)
 * @param location region
 * @param disableLocalAuth {@code DisableLocalAuth} / {@code features.disableLocalAuth}
 * @param publicNetworkAccessForIngestion Enabled or Disabled
 * @param publicNetworkAccessForQuery Enabled or Disabled
 * @param workspaceResourceId for App Insights: the Log Analytics workspace it writes to
 */
public record MonitoringResource(String id, String name, String type, String subscriptionId, String resourceGroup,
		String location, Boolean disableLocalAuth, String publicNetworkAccessForIngestion,
		String publicNetworkAccessForQuery, String workspaceResourceId) {

	public static final String APP_INSIGHTS = "microsoft.insights/components";

	public static final String LOG_ANALYTICS = "microsoft.operationalinsights/workspaces";

	public boolean isAppInsights() {
		return APP_INSIGHTS.equals(this.type);
	}

}
