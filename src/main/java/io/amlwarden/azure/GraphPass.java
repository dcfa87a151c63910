package io.amlwarden.azure;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.amlwarden.inventory.ReadFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk pass: one Resource Graph query per batch of subscriptions for the workspaces,
 * then for everything they contain or link to, the role assignments and definitions, and
 * the Defender pricings. A batch whose query fails is listed through ARM instead
 * ({@link ArmFallback}).
 */
final class GraphPass {

	private static final Logger logger = LoggerFactory.getLogger(InventoryCollector.class);

	private final ResourceGraphQueries graph;

	private final ArmFallback fallback;

	private final SubscriptionTasks tasks;

	private final int batchSize;

	GraphPass(ResourceGraphQueries graph, ArmFallback fallback, SubscriptionTasks tasks, int batchSize) {
		this.graph = graph;
		this.fallback = fallback;
		this.tasks = tasks;
		this.batchSize = Math.max(1, batchSize);
	}

	/**
	 * Lists the workspaces of the scope: through Resource Graph, or through ARM (every
	 * resource type at once) where Graph fails.
	 * @return the subscriptions (lower case) whose resources were all listed through ARM
	 */
	Set<String> workspaces(CollectionRun run) {
		Set<String> listedByArm = ConcurrentHashMap.newKeySet();
		for (List<String> batch : batches(run)) {
			bulkOrFallback(run, batch, ResourceGraphQueries.WORKSPACES, run::acceptResource, (subscription) -> {
				this.fallback.listResources(run, subscription);
				listedByArm.add(subscription.toLowerCase(Locale.ROOT));
			});
		}
		return listedByArm;
	}

	/**
	 * The rest of the bulk pass. For the subscriptions whose workspaces came from
	 * Resource Graph: linked and child resources; for all: role assignments and
	 * definitions, Defender pricings.
	 */
	void rest(CollectionRun run, Set<String> listedByArm) {
		for (List<String> batch : batches(run)) {
			List<String> fromGraph = batch.stream()
				.filter((s) -> !listedByArm.contains(s.toLowerCase(Locale.ROOT)))
				.toList();
			if (!fromGraph.isEmpty()) {
				bulkOrFallback(run, fromGraph, InventoryReads.RESOURCES_QUERY, run::acceptResource,
						(subscription) -> this.fallback.listResources(run, subscription));
			}
			bulkOrFallback(run, batch, ResourceGraphQueries.ROLE_ASSIGNMENTS, run::acceptRoleAssignment,
					(subscription) -> this.fallback.list(run, subscription, InventoryReads.ROLE_ASSIGNMENTS,
							run::acceptRoleAssignment));
			bulkOrFallback(run, batch, ResourceGraphQueries.PRICINGS, run::acceptPricing,
					(subscription) -> this.fallback.list(run, subscription, InventoryReads.PRICINGS,
							run::acceptPricing));
		}
	}

	private List<List<String>> batches(CollectionRun run) {
		List<String> subscriptions = run.scope.subscriptionIds();
		List<List<String>> batches = new java.util.ArrayList<>();
		for (int start = 0; start < subscriptions.size(); start += this.batchSize) {
			batches.add(subscriptions.subList(start, Math.min(subscriptions.size(), start + this.batchSize)));
		}
		return batches;
	}

	private void bulkOrFallback(CollectionRun run, List<String> batch, String query,
			Consumer<Map<String, Object>> consumer, Consumer<String> fallback) {
		try {
			this.graph.query(batch, query, run.context, consumer);
			if (query == ResourceGraphQueries.ROLE_ASSIGNMENTS) {
				batch.forEach((s) -> run.authorizationFromGraph.add(s.toLowerCase(Locale.ROOT)));
			}
			if (query == ResourceGraphQueries.WORKSPACES) {
				batch.forEach((s) -> run.listedByGraph.add(s.toLowerCase(Locale.ROOT)));
			}
			if (query == InventoryReads.RESOURCES_QUERY) {
				batch.forEach((s) -> run.childrenFromGraph.add(s.toLowerCase(Locale.ROOT)));
			}
		}
		catch (RuntimeException ex) {
			ReadFailure failure = AzureCallException.failure("/", "resourceGraph", ex);
			logger.warn("Resource Graph query failed ({} {}); listing {} subscriptions through ARM instead",
					failure.reason(), failure.detail(), batch.size());
			this.tasks.run(batch, (subscription) -> List.of(() -> fallback.accept(subscription)));
		}
	}

}
