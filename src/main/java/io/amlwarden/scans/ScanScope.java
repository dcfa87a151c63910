package io.amlwarden.scans;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import io.amlwarden.inventory.InventoryScope;

/**
 * The normalised scope of a scan: lower-cased, de-duplicated, sorted, so that two
 * requests for the same scope have the same key.
 *
 * @param subscriptions subscription ids
 * @param resourceGroups resource group ARM ids
 * @param workspaces workspace ARM ids
 */
record ScanScope(List<String> subscriptions, List<String> resourceGroups, List<String> workspaces) {

	ScanScope {
		subscriptions = normalise(subscriptions);
		resourceGroups = normalise(resourceGroups);
		workspaces = normalise(workspaces);
	}

	/**
	 * The key that at most one active scan may hold.
	 * @return the canonical form of the scope
	 */
	String key() {
		return String.join(",", this.subscriptions) + "|" + String.join(",", this.resourceGroups) + "|"
				+ String.join(",", this.workspaces);
	}

	/**
	 * Resource groups in the ledger's {@code subscriptionId/resourceGroup} form.
	 * @return e.g. {@code 0000.../rg-ml}
	 */
	List<String> ledgerResourceGroups() {
		return this.resourceGroups.stream().map((id) -> {
			String[] parts = id.split("/");
			// /subscriptions/{sub}/resourcegroups/{rg}
			return parts[2] + "/" + parts[4];
		}).toList();
	}

	InventoryScope toInventoryScope() {
		return new InventoryScope(this.subscriptions, this.resourceGroups, this.workspaces);
	}

	private static List<String> normalise(List<String> values) {
		TreeSet<String> sorted = new TreeSet<>();
		for (String value : values) {
			String trimmed = value.trim().toLowerCase(Locale.ROOT);
			while (trimmed.endsWith("/")) {
				trimmed = trimmed.substring(0, trimmed.length() - 1);
			}
			if (!trimmed.isEmpty()) {
				sorted.add(trimmed);
			}
		}
		return List.copyOf(sorted);
	}

}
