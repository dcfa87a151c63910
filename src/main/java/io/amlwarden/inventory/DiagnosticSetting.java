package io.amlwarden.inventory;

import java.util.List;

/**
 * A diagnostic setting on a resource
 * ({@code <resource>/providers/Microsoft.Insights/diagnosticSettings/<name>}).
 *
 * @param id ARM id of the setting
 * @param resourceId the resource it is attached to
 * @param name setting name
 * @param workspaceId destination Log Analytics workspace
 * @param storageAccountId destination storage account
 * @param eventHubAuthorizationRuleId destination Event Hub
 * @param logs log categories (a category or a category group each)
 * @param metrics metric categories
 */
public record DiagnosticSetting(String id, String resourceId, String name, String workspaceId, String storageAccountId,
		String eventHubAuthorizationRuleId, List<Log> logs, List<Log> metrics) {

	public DiagnosticSetting {
		logs = (logs != null) ? List.copyOf(logs) : List.of();
		metrics = (metrics != null) ? List.copyOf(metrics) : List.of();
	}

	public boolean hasDestination() {
		return this.workspaceId != null || this.storageAccountId != null || this.eventHubAuthorizationRuleId != null;
	}

	/**
	 * One log or metric entry.
	 *
	 * @param category e.g. AuditEvent; {@code null} when a group is used
	 * @param categoryGroup e.g. audit, allLogs; {@code null} when a category is used
	 * @param enabled whether it is enabled
	 */
	public record Log(String category, String categoryGroup, boolean enabled) {
	}

}
