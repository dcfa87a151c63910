package io.amlwarden.azure;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.amlwarden.azure.InventoryReads.LinkedRead;
import io.amlwarden.azure.InventoryReads.SubscriptionRead;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.Workspace;

/**
 * Lists through ARM what Resource Graph could not return: a subscription's resources of
 * every type the collection reads (where the Graph query failed), its subscription-wide
 * listings, and the children of each of its workspaces. Each listing is paced and
 * budgeted; a failed one is recorded, never mistaken for "no resources".
 */
final class ArmFallback {

	private final ArmRequests arm;

	ArmFallback(ArmRequests arm) {
		this.arm = arm;
	}

	/**
	 * Lists every resource type of a subscription, then the computes and online endpoints
	 * of each of its workspaces in scope.
	 */
	void listResources(CollectionRun run, String subscription) {
		String base = "/subscriptions/" + subscription + "/providers/";
		if (list(run, subscription, base + "Microsoft.MachineLearningServices/workspaces", ArmRequests.ML_API,
				"workspaces", run::acceptResource)) {
			run.workspacesListed.add(subscription.toLowerCase(Locale.ROOT));
		}
		for (LinkedRead<?> read : InventoryReads.LINKED) {
			list(run, subscription, base + read.path(), read.apiVersion(), read.listing(), run::acceptResource);
		}
		for (Workspace workspace : List.copyOf(run.workspaces.values())) {
			if (!ArmIds.same("/subscriptions/" + subscription, "/subscriptions/" + workspace.subscriptionId())
					|| !run.scope.includesWorkspace(workspace.id())) {
				continue;
			}
			run.childrenRead.put(ArmIds.key(workspace.id()), Boolean.TRUE);
			boolean computes = list(run, subscription, workspace.id() + "/computes", ArmRequests.ML_API, null,
					run::acceptResource);
			boolean endpoints = list(run, subscription, workspace.id() + "/onlineEndpoints", ArmRequests.ML_API, null,
					run::acceptResource);
			if (!computes) {
				run.childFailures.put(ArmIds.key(workspace.id()) + "#computes", Boolean.TRUE);
			}
			if (!endpoints) {
				run.childFailures.put(ArmIds.key(workspace.id()) + "#endpoints", Boolean.TRUE);
			}
		}
	}

	/**
	 * Lists one subscription-wide collection.
	 * @return whether the listing completed
	 */
	boolean list(CollectionRun run, String subscription, SubscriptionRead read,
			Consumer<Map<String, Object>> consumer) {
		return list(run, subscription, read.under(subscription), read.apiVersion(), read.listing(), consumer);
	}

	/**
	 * Lists an ARM collection, paced and budgeted; records a failure under the path (or
	 * the subscription when {@code what} names a subscription-wide listing).
	 * @return whether the listing completed
	 */
	private boolean list(CollectionRun run, String subscription, String path, String apiVersion, String what,
			Consumer<Map<String, Object>> consumer) {
		String failureId = (what != null) ? "/subscriptions/" + subscription : path;
		String failureWhat = (what != null) ? what : ArmIds.nameOf(path);
		return run.read(subscription, failureId, failureWhat, () -> this.arm.list(subscription, path, apiVersion,
				run.context, () -> run.guard(subscription), consumer));
	}

	/**
	 * Reads one linked resource the bulk pass did not return.
	 */
	void readLinked(CollectionRun run, String subscription, String id, LinkedRead<?> read) {
		run.read(subscription, id, "resource", () -> run
			.acceptResource(withType(this.arm.get(subscription, id, read.apiVersion(), run.context), read)));
	}

	private static Map<String, Object> withType(Map<String, Object> resource, LinkedRead<?> read) {
		if (Json.str(resource, "type") != null) {
			return resource;
		}
		Map<String, Object> copy = new java.util.LinkedHashMap<>(resource);
		copy.put("type", read.type());
		return copy;
	}

}
