package io.amlwarden.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.amlwarden.azure.AzureCallException;
import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.azure.RoleAssignmentOperations;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.TenantSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Collects what the signals need: the inventory snapshot of a scope (assignments at
 * subscription, resource group and resource scope, role definitions, principals resolved
 * through Microsoft Graph with deleted items) and, per subscription, the assignments it
 * inherits from management groups where those are readable. An unreadable management
 * group makes the result partial rather than failing the review.
 */
@Component
class AccessInventoryService {

	private static final Logger logger = LoggerFactory.getLogger(AccessInventoryService.class);

	private final InventoryCollector collector;

	private final RoleAssignmentOperations assignments;

	AccessInventoryService(InventoryCollector collector, RoleAssignmentOperations assignments) {
		this.collector = collector;
		this.assignments = assignments;
	}

	Collected collect(InventoryScope scope) {
		TenantSnapshot snapshot = this.collector.collect(scope);
		Map<String, List<RoleAssignment>> inherited = new LinkedHashMap<>();
		List<String> unreadable = new ArrayList<>();
		for (String subscription : scope.subscriptionIds()) {
			try {
				inherited.put(subscription.toLowerCase(Locale.ROOT),
						this.assignments.inheritedFromManagementGroups(subscription));
			}
			catch (AzureCallException ex) {
				logger.warn("Management-group assignments of subscription {} are not readable: {}", subscription,
						ex.readReason());
				unreadable.add("management-group assignments of " + subscription + " (" + ex.readReason() + ")");
			}
		}
		snapshot.readFailures()
			.forEach((failure) -> unreadable
				.add(failure.what() + " of " + failure.resourceId() + " (" + failure.reason() + ")"));
		if (snapshot.budgetExhausted()) {
			unreadable.add("request budget exhausted");
		}
		return new Collected(snapshot, inherited, unreadable);
	}

	/**
	 * A collection.
	 *
	 * @param snapshot the inventory
	 * @param inherited management-group assignments per subscription (lower case)
	 * @param unreadable what could not be read; empty when complete
	 */
	record Collected(TenantSnapshot snapshot, Map<String, List<RoleAssignment>> inherited, List<String> unreadable) {

		boolean complete() {
			return this.unreadable.isEmpty();
		}

		String coverageNote() {
			String note = String.join("; ", this.unreadable);
			return (note.length() <= 1900) ? note : note.substring(0, 1900) + "…";
		}

	}

}
