package io.amlwarden.azure;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;

import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.TenantSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Collects the inventory of a scope into a {@link TenantSnapshot}.
 * <p>
 * Bulk first: workspaces, their computes and endpoints, vaults, storage accounts,
 * registries and monitoring resources, role assignments and definitions and Defender
 * pricings come from Resource Graph, one query per batch of subscriptions. ARM is spent
 * only on what Graph lacks: the keys (with rotation policies) of each CMK vault, read
 * through ARM {@code vaults/keys} so that vaults with public access disabled still
 * evaluate; diagnostic settings; and linked resources Graph did not return. When Graph is
 * not permitted or fails, the same data is listed through ARM.
 * <p>
 * ARM reads are paced per subscription (every attempt, by the clients'
 * {@link ArmReadPacingPolicy}), run with bounded concurrency per subscription and per
 * vault, and count against the scan's request budget; once the budget is spent the
 * remaining reads are recorded as skipped and the snapshot is partial.
 * <p>
 * The phases live in their own classes: {@link GraphPass} (bulk), {@link ArmFallback}
 * (ARM listings where Graph fails), {@link LinkedReads} (per-resource reads),
 * {@link PrincipalResolution} and {@link SnapshotAssembly}, sharing one
 * {@link CollectionRun}. {@link InventoryReads} lists what a collection reads.
 */
@Service
public class InventoryCollector {

	private static final Logger logger = LoggerFactory.getLogger(InventoryCollector.class);

	private final AzureClients clients;

	private final GraphPass graph;

	private final LinkedReads linked;

	private final PrincipalResolution principals;

	InventoryCollector(AzureClients clients) {
		this.clients = clients;
		AzureProperties properties = clients.properties();
		SubscriptionTasks tasks = new SubscriptionTasks(properties.limits());
		ArmFallback arm = new ArmFallback(new ArmRequests(clients));
		this.graph = new GraphPass(new ResourceGraphQueries(clients), arm, tasks,
				properties.limits().graphSubscriptionBatch());
		this.linked = new LinkedReads(clients, arm, tasks);
		this.principals = new PrincipalResolution(new DirectoryLookup(clients), properties.collect().principals());
	}

	/**
	 * The subscriptions scheduled scans cover when a schedule names none
	 * ({@code warden.azure.subscriptions}).
	 * @return subscription ids, possibly empty
	 */
	public List<String> defaultSubscriptions() {
		List<String> subscriptions = this.clients.properties().subscriptions();
		return (subscriptions != null) ? List.copyOf(subscriptions) : List.of();
	}

	/**
	 * Collects a scope. Never throws for an Azure failure: what could not be read is
	 * recorded in the snapshot.
	 * @param scope what to collect
	 * @return the snapshot
	 */
	public TenantSnapshot collect(InventoryScope scope) {
		CollectionRun run = new CollectionRun(scope, new ScanMeter(this.clients.properties().limits().requestBudget()));
		long started = System.nanoTime();
		Set<String> listedByArm = this.graph.workspaces(run);
		long workspacesListed = System.nanoTime();
		// ARM's read bucket, not the bulk pass, bounds a large scan: start the reads that
		// need only the workspaces now, so that the bucket drains while Resource Graph
		// pages through the rest (and, against real Azure, waits for its own quota).
		Future<?> early = this.linked.startWorkspaceDetails(run);
		this.graph.rest(run, listedByArm);
		this.linked.missingLinked(run);
		long bulkDone = System.nanoTime();
		SubscriptionTasks.await(List.of(early));
		this.linked.rest(run);
		long detailsDone = System.nanoTime();
		this.principals.resolve(run);
		long principalsDone = System.nanoTime();
		TenantSnapshot snapshot = SnapshotAssembly.build(run);
		logger.info(
				"Collected {} workspaces in {} subscriptions: {} ARM, {} Graph, {} Key Vault requests, "
						+ "{} read failures{}; workspaces listed after {} ms, bulk and linked reads after {} ms, "
						+ "details after {} ms, principals after {} ms, snapshot after {} ms",
				snapshot.workspaces().size(), scope.subscriptionIds().size(), snapshot.stats().armRequests(),
				snapshot.stats().graphRequests(), snapshot.stats().keyVaultRequests(), snapshot.readFailures().size(),
				snapshot.budgetExhausted() ? " (request budget exhausted)" : "", millis(started, workspacesListed),
				millis(started, bulkDone), millis(started, detailsDone), millis(started, principalsDone),
				millis(started, System.nanoTime()));
		return snapshot;
	}

	private static long millis(long from, long to) {
		return (to - from) / 1_000_000;
	}

}
