package io.amlwarden.azure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.Context;
import com.azure.resourcemanager.keyvault.fluent.models.KeyInner;
import com.azure.resourcemanager.monitor.fluent.models.DiagnosticSettingsResourceInner;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.Compute;
import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.inventory.DefenderPricing;
import io.amlwarden.inventory.DiagnosticSetting;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.KeyUrls;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.inventory.OnlineEndpoint;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.Readable;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.RoleDefinition;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
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
 */
@Service
public class InventoryCollector {

	private static final Logger logger = LoggerFactory.getLogger(InventoryCollector.class);

	private final AzureClients clients;

	private final ArmRequests arm;

	private final ResourceGraphQueries graph;

	private final DirectoryLookup directory;

	InventoryCollector(AzureClients clients) {
		this.clients = clients;
		this.arm = new ArmRequests(clients);
		this.graph = new ResourceGraphQueries(clients);
		this.directory = new DirectoryLookup(clients);
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
		Run run = new Run(scope, new ScanMeter(this.clients.properties().limits().requestBudget()));
		long started = System.nanoTime();
		Set<String> listedByArm = collectWorkspaces(run);
		long workspacesListed = System.nanoTime();
		// ARM's read bucket, not the bulk pass, bounds a large scan: start the reads that
		// need only the workspaces now, so that the bucket drains while Resource Graph
		// pages through the rest (and, against real Azure, waits for its own quota).
		Future<?> early = startWorkspaceDetails(run);
		collectBulk(run, listedByArm);
		collectLinked(run);
		long bulkDone = System.nanoTime();
		await(List.of(early));
		collectDetails(run);
		long detailsDone = System.nanoTime();
		collectPrincipals(run);
		long principalsDone = System.nanoTime();
		TenantSnapshot snapshot = run.build();
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

	/**
	 * Lists the workspaces of the scope: through Resource Graph, or through ARM (every
	 * resource type at once) where Graph fails.
	 * @return the subscriptions (lower case) whose resources were all listed through ARM
	 */
	private Set<String> collectWorkspaces(Run run) {
		Set<String> listedByArm = ConcurrentHashMap.newKeySet();
		int batchSize = Math.max(1, this.clients.properties().limits().graphSubscriptionBatch());
		List<String> subscriptions = run.scope.subscriptionIds();
		for (int start = 0; start < subscriptions.size(); start += batchSize) {
			List<String> batch = subscriptions.subList(start, Math.min(subscriptions.size(), start + batchSize));
			bulkOrFallback(run, batch, ResourceGraphQueries.WORKSPACES, run::acceptResource, (subscription) -> {
				listResources(run, subscription);
				listedByArm.add(subscription.toLowerCase(Locale.ROOT));
			});
		}
		return listedByArm;
	}

	/**
	 * Starts, in the background, the ARM reads that need nothing but the workspaces: each
	 * workspace's diagnostic settings and the keys of its CMK vault.
	 * {@link #collectDetails} skips what this reads.
	 */
	private Future<?> startWorkspaceDetails(Run run) {
		AzureProperties.Collect collect = this.clients.properties().collect();
		Map<String, List<Runnable>> tasks = new LinkedHashMap<>();
		for (Workspace workspace : List.copyOf(run.workspaces.values())) {
			String vaultId = (workspace.encryption() != null) ? workspace.encryption().keyVaultArmId() : null;
			String vaultSubscription = (vaultId != null) ? ArmIds.subscriptionOf(vaultId) : null;
			if (vaultSubscription != null && run.keysRequested.add(ArmIds.key(vaultId))) {
				tasks.computeIfAbsent(vaultSubscription, (s) -> new ArrayList<>())
					.add(() -> readKeys(run, vaultId, collect.keyVersions()));
			}
			String subscription = ArmIds.subscriptionOf(workspace.id());
			if (collect.diagnosticSettings() && subscription != null
					&& run.diagnosticsRequested.add(ArmIds.key(workspace.id()))) {
				tasks.computeIfAbsent(subscription, (s) -> new ArrayList<>())
					.add(() -> readDiagnosticSettings(run, workspace.id()));
			}
		}
		ExecutorService background = Executors.newSingleThreadExecutor(daemon("azure-workspace-details"));
		try {
			return background.submit(() -> runPerSubscription(run, tasks.keySet(), tasks::get));
		}
		finally {
			// Runs the submitted task to the end, then lets the thread go.
			background.shutdown();
		}
	}

	/**
	 * The rest of the bulk pass, for the subscriptions whose workspaces came from
	 * Resource Graph: linked and child resources, role assignments and definitions,
	 * Defender pricings.
	 */
	private void collectBulk(Run run, Set<String> listedByArm) {
		int batchSize = Math.max(1, this.clients.properties().limits().graphSubscriptionBatch());
		List<String> subscriptions = run.scope.subscriptionIds();
		for (int start = 0; start < subscriptions.size(); start += batchSize) {
			List<String> batch = subscriptions.subList(start, Math.min(subscriptions.size(), start + batchSize));
			List<String> fromGraph = batch.stream()
				.filter((s) -> !listedByArm.contains(s.toLowerCase(Locale.ROOT)))
				.toList();
			if (!fromGraph.isEmpty()) {
				bulkOrFallback(run, fromGraph, ResourceGraphQueries.RESOURCES, run::acceptResource,
						(subscription) -> listResources(run, subscription));
			}
			bulkOrFallback(run, batch, ResourceGraphQueries.ROLE_ASSIGNMENTS, run::acceptRoleAssignment,
					(subscription) -> listArm(run, subscription,
							"/subscriptions/" + subscription + "/providers/Microsoft.Authorization/roleAssignments",
							ArmRequests.AUTHORIZATION_API, "roleAssignments", run::acceptRoleAssignment));
			bulkOrFallback(run, batch, ResourceGraphQueries.PRICINGS, run::acceptPricing,
					(subscription) -> listArm(run, subscription,
							"/subscriptions/" + subscription + "/providers/Microsoft.Security/pricings",
							ArmRequests.SECURITY_PRICINGS_API, "defenderPricings", run::acceptPricing));
		}
	}

	private void bulkOrFallback(Run run, List<String> batch, String query, Consumer<Map<String, Object>> consumer,
			Consumer<String> fallback) {
		try {
			this.graph.query(batch, query, run.context, consumer);
			if (query == ResourceGraphQueries.ROLE_ASSIGNMENTS) {
				batch.forEach((s) -> run.authorizationFromGraph.add(s.toLowerCase(Locale.ROOT)));
			}
			if (query == ResourceGraphQueries.WORKSPACES) {
				batch.forEach((s) -> run.listedByGraph.add(s.toLowerCase(Locale.ROOT)));
			}
			if (query == ResourceGraphQueries.RESOURCES) {
				batch.forEach((s) -> run.childrenFromGraph.add(s.toLowerCase(Locale.ROOT)));
			}
		}
		catch (RuntimeException ex) {
			ReadFailure failure = AzureReadException.failure("/", "resourceGraph", ex);
			logger.warn("Resource Graph query failed ({} {}); listing {} subscriptions through ARM instead",
					failure.reason(), failure.detail(), batch.size());
			runPerSubscription(run, batch, (subscription) -> List.of(() -> fallback.accept(subscription)));
		}
	}

	private void listResources(Run run, String subscription) {
		String base = "/subscriptions/" + subscription + "/providers/";
		if (listArm(run, subscription, base + "Microsoft.MachineLearningServices/workspaces", ArmRequests.ML_API,
				"workspaces", run::acceptResource)) {
			run.workspacesListed.add(subscription.toLowerCase(Locale.ROOT));
		}
		listArm(run, subscription, base + "Microsoft.KeyVault/vaults", ArmRequests.KEY_VAULT_API, "vaults",
				run::acceptResource);
		listArm(run, subscription, base + "Microsoft.Storage/storageAccounts", ArmRequests.STORAGE_API,
				"storageAccounts", run::acceptResource);
		listArm(run, subscription, base + "Microsoft.ContainerRegistry/registries", ArmRequests.REGISTRY_API,
				"registries", run::acceptResource);
		listArm(run, subscription, base + "Microsoft.Insights/components", ArmRequests.APP_INSIGHTS_API, "appInsights",
				run::acceptResource);
		listArm(run, subscription, base + "Microsoft.OperationalInsights/workspaces", ArmRequests.LOG_ANALYTICS_API,
				"logAnalytics", run::acceptResource);
		for (Workspace workspace : List.copyOf(run.workspaces.values())) {
			if (!ArmIds.same("/subscriptions/" + subscription, "/subscriptions/" + workspace.subscriptionId())
					|| !run.scope.includesWorkspace(workspace.id())) {
				continue;
			}
			run.childrenRead.put(ArmIds.key(workspace.id()), Boolean.TRUE);
			boolean computes = listArm(run, subscription, workspace.id() + "/computes", ArmRequests.ML_API, null,
					run::acceptResource);
			boolean endpoints = listArm(run, subscription, workspace.id() + "/onlineEndpoints", ArmRequests.ML_API,
					null, run::acceptResource);
			if (!computes) {
				run.childFailures.put(ArmIds.key(workspace.id()) + "#computes", Boolean.TRUE);
			}
			if (!endpoints) {
				run.childFailures.put(ArmIds.key(workspace.id()) + "#endpoints", Boolean.TRUE);
			}
		}
	}

	/**
	 * Lists an ARM collection, paced and budgeted; records a failure under the path (or
	 * the subscription when {@code what} names a subscription-wide listing).
	 * @return whether the listing completed
	 */
	private boolean listArm(Run run, String subscription, String path, String apiVersion, String what,
			Consumer<Map<String, Object>> consumer) {
		String failureId = (what != null) ? "/subscriptions/" + subscription : path;
		String failureWhat = (what != null) ? what : ArmIds.nameOf(path);
		return run.read(subscription, failureId, failureWhat, () -> this.arm.list(subscription, path, apiVersion,
				run.context, () -> run.guard(subscription), consumer));
	}

	/**
	 * Reads linked resources that the bulk pass did not return: they live in a
	 * subscription outside the scope, were deleted (404), or the collector may not read
	 * them (403).
	 */
	private void collectLinked(Run run) {
		Map<String, List<Runnable>> tasks = new LinkedHashMap<>();
		for (String id : run.linkedIds()) {
			if (run.isKnown(id)) {
				continue;
			}
			String apiVersion = apiVersionFor(id);
			String subscription = ArmIds.subscriptionOf(id);
			if (apiVersion == null || subscription == null) {
				continue;
			}
			tasks.computeIfAbsent(subscription, (s) -> new ArrayList<>())
				.add(() -> run.read(subscription, id, "resource", () -> run
					.acceptResource(withType(this.arm.get(subscription, id, apiVersion, run.context), id))));
		}
		runPerSubscription(run, tasks.keySet(), (subscription) -> tasks.get(subscription));
	}

	private void collectDetails(Run run) {
		AzureProperties.Collect collect = this.clients.properties().collect();
		Map<String, List<Runnable>> tasks = new LinkedHashMap<>();
		// Role definitions come with the role assignments from Resource Graph; list them
		// through ARM only where Graph was not used, or returned no built-in roles.
		boolean builtInsFromGraph = run.roleDefinitions.values().stream().anyMatch((d) -> !d.isCustom());
		for (String subscription : run.scope.subscriptionIds()) {
			if (builtInsFromGraph && run.authorizationFromGraph.contains(subscription.toLowerCase(Locale.ROOT))) {
				continue;
			}
			tasks.computeIfAbsent(subscription.toLowerCase(Locale.ROOT), (s) -> new ArrayList<>())
				.add(() -> listArm(run, subscription,
						"/subscriptions/" + subscription + "/providers/Microsoft.Authorization/roleDefinitions",
						ArmRequests.AUTHORIZATION_API, "roleDefinitions", run::acceptRoleDefinition));
		}
		for (String vaultId : run.cmkVaultIds()) {
			if (!run.keysRequested.add(ArmIds.key(vaultId))) {
				continue;
			}
			String subscription = ArmIds.subscriptionOf(vaultId);
			tasks.computeIfAbsent(subscription, (s) -> new ArrayList<>())
				.add(() -> readKeys(run, vaultId, collect.keyVersions()));
		}
		if (collect.diagnosticSettings()) {
			for (String resourceId : run.diagnosticTargets()) {
				if (!run.diagnosticsRequested.add(ArmIds.key(resourceId))) {
					continue;
				}
				String subscription = ArmIds.subscriptionOf(resourceId);
				tasks.computeIfAbsent(subscription, (s) -> new ArrayList<>())
					.add(() -> readDiagnosticSettings(run, resourceId));
			}
		}
		runPerSubscription(run, tasks.keySet(), tasks::get);
	}

	private void readKeys(Run run, String vaultId, boolean withVersions) {
		String subscription = ArmIds.subscriptionOf(vaultId);
		Semaphore vaultPermits = run.vaultPermits.computeIfAbsent(ArmIds.key(vaultId),
				(v) -> new Semaphore(Math.max(1, this.clients.properties().limits().perVaultConcurrency())));
		String resourceGroup = resourceGroupAsGiven(vaultId);
		String vaultName = ArmIds.nameOf(vaultId);
		List<KeyInner> keys = new ArrayList<>();
		boolean listed = run.read(subscription, vaultId, "keys", () -> withPermit(vaultPermits, () -> {
			var pages = this.clients.keyVaultManager(subscription)
				.serviceClient()
				.getKeys()
				.list(resourceGroup, vaultName, run.context)
				.iterableByPage();
			boolean first = true;
			for (PagedResponse<KeyInner> page : pages) {
				if (!first) {
					run.guard(subscription);
				}
				first = false;
				keys.addAll(page.getValue());
			}
		}));
		if (!listed) {
			return;
		}
		for (KeyInner key : keys) {
			Readable<List<VaultKey.KeyVersion>> versions = Readable.notCollected();
			if (withVersions) {
				List<VaultKey.KeyVersion> found = new ArrayList<>();
				String keyId = vaultId + "/keys/" + key.name();
				boolean read = run.read(subscription, keyId, "keyVersions",
						() -> withPermit(vaultPermits,
								() -> this.clients.keyVaultManager(subscription)
									.serviceClient()
									.getKeys()
									.listVersions(resourceGroup, vaultName, key.name(), run.context)
									.forEach((version) -> found.add(InventoryMapper.keyVersion(version)))));
				versions = read ? Readable.present(List.copyOf(found))
						: Readable.unreadable(run.lastFailure(keyId, "keyVersions"));
			}
			VaultKey mapped = InventoryMapper.key(vaultId, key, versions);
			run.keys.put(ArmIds.key(mapped.id()), mapped);
		}
	}

	private void readDiagnosticSettings(Run run, String resourceId) {
		String subscription = ArmIds.subscriptionOf(resourceId);
		List<DiagnosticSetting> settings = new ArrayList<>();
		boolean read = run.read(subscription, resourceId, "diagnosticSettings", () -> {
			for (DiagnosticSettingsResourceInner setting : this.clients.monitorManager(subscription)
				.serviceClient()
				.getDiagnosticSettingsOperations()
				.list(resourceId, run.context)) {
				settings.add(InventoryMapper.diagnosticSetting(resourceId, setting));
			}
		});
		run.diagnostics.put(ArmIds.key(resourceId), read ? Readable.present(List.copyOf(settings))
				: Readable.unreadable(run.lastFailure(resourceId, "diagnosticSettings")));
	}

	private void collectPrincipals(Run run) {
		if (!this.clients.properties().collect().principals()) {
			return;
		}
		Set<String> ids = new HashSet<>();
		for (RoleAssignment assignment : run.keptRoleAssignments()) {
			if (assignment.principalId() != null) {
				ids.add(assignment.principalId());
			}
		}
		if (ids.isEmpty()) {
			return;
		}
		try {
			run.principals.addAll(this.directory.resolve(ids, run.context));
		}
		catch (RuntimeException ex) {
			run.failures.add(AzureReadException.failure("/", "principals", ex));
		}
	}

	/**
	 * Runs each subscription's tasks with bounded concurrency: a number of subscriptions
	 * at a time, and a number of requests in flight within each.
	 */
	private void runPerSubscription(Run run, Collection<String> subscriptions,
			java.util.function.Function<String, List<Runnable>> tasksOf) {
		if (subscriptions.isEmpty()) {
			return;
		}
		AzureProperties.Limits limits = this.clients.properties().limits();
		int perSubscription = Math.max(1, limits.perSubscriptionConcurrency());
		ExecutorService outer = Executors.newFixedThreadPool(
				Math.max(1, Math.min(limits.parallelSubscriptions(), subscriptions.size())), daemon("azure-sub"));
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (String subscription : subscriptions) {
				List<Runnable> tasks = tasksOf.apply(subscription);
				futures.add(outer.submit(() -> {
					ExecutorService inner = Executors.newFixedThreadPool(Math.min(perSubscription, tasks.size()),
							daemon("azure-" + subscription.substring(0, Math.min(8, subscription.length()))));
					try {
						List<Future<?>> inFlight = new ArrayList<>();
						for (Runnable task : tasks) {
							inFlight.add(inner.submit(task));
						}
						await(inFlight);
					}
					finally {
						inner.shutdownNow();
					}
				}));
			}
			await(futures);
		}
		finally {
			outer.shutdownNow();
		}
	}

	private static void await(List<Future<?>> futures) {
		for (Future<?> future : futures) {
			try {
				future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (java.util.concurrent.ExecutionException ex) {
				logger.error("Inventory task failed unexpectedly", ex.getCause());
			}
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String prefix) {
		java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static void withPermit(Semaphore permits, Runnable action) {
		try {
			permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AzureReadException(ReadFailure.Reason.ERROR, "interrupted");
		}
		try {
			action.run();
		}
		finally {
			permits.release();
		}
	}

	private static String apiVersionFor(String id) {
		String key = ArmIds.key(id);
		if (key.contains("/providers/microsoft.keyvault/vaults/")) {
			return ArmRequests.KEY_VAULT_API;
		}
		if (key.contains("/providers/microsoft.storage/storageaccounts/")) {
			return ArmRequests.STORAGE_API;
		}
		if (key.contains("/providers/microsoft.containerregistry/registries/")) {
			return ArmRequests.REGISTRY_API;
		}
		if (key.contains("/providers/microsoft.insights/components/")) {
			return ArmRequests.APP_INSIGHTS_API;
		}
		if (key.contains("/providers/microsoft.operationalinsights/workspaces/")) {
			return ArmRequests.LOG_ANALYTICS_API;
		}
		return null;
	}

	private static Map<String, Object> withType(Map<String, Object> resource, String id) {
		if (Json.str(resource, "type") != null) {
			return resource;
		}
		Map<String, Object> copy = new LinkedHashMap<>(resource);
		String key = ArmIds.key(id);
		String providers = key.substring(key.lastIndexOf("/providers/") + "/providers/".length());
		String[] parts = providers.split("/");
		copy.put("type", parts[0] + "/" + parts[1]);
		return copy;
	}

	/**
	 * The resource group segment of an id as given: the SDK puts it in the URL, and the
	 * ARM is case-insensitive, but keeping the original spelling keeps logs recognisable.
	 */
	private static String resourceGroupAsGiven(String id) {
		String[] parts = id.split("/");
		for (int i = 0; i < parts.length - 1; i++) {
			if (parts[i].equalsIgnoreCase("resourceGroups")) {
				return parts[i + 1];
			}
		}
		return null;
	}

	/**
	 * The mutable state of one collection.
	 */
	private final class Run {

		private final InventoryScope scope;

		private final ScanMeter meter;

		private final Context context;

		private final Instant startedAt = Instant.now();

		private final Map<String, Workspace> workspaces = new ConcurrentHashMap<>();

		private final Map<String, List<Compute>> computes = new ConcurrentHashMap<>();

		private final Map<String, List<OnlineEndpoint>> endpoints = new ConcurrentHashMap<>();

		private final Set<String> childrenFromGraph = ConcurrentHashMap.newKeySet();

		private final Set<String> workspacesListed = ConcurrentHashMap.newKeySet();

		/**
		 * Subscriptions whose Resource Graph listing succeeded. Graph silently leaves out
		 * subscriptions the identity cannot read, so such a listing only counts as
		 * complete for subscriptions Graph returned at least one row for.
		 */
		private final Set<String> listedByGraph = ConcurrentHashMap.newKeySet();

		private final Set<String> seenSubscriptions = ConcurrentHashMap.newKeySet();

		private final Set<String> authorizationFromGraph = ConcurrentHashMap.newKeySet();

		private final Map<String, Boolean> childrenRead = new ConcurrentHashMap<>();

		private final Map<String, Boolean> childFailures = new ConcurrentHashMap<>();

		private final Map<String, KeyVault> vaults = new ConcurrentHashMap<>();

		private final Map<String, VaultKey> keys = new ConcurrentHashMap<>();

		private final Map<String, StorageAccount> storage = new ConcurrentHashMap<>();

		private final Map<String, ContainerRegistry> registries = new ConcurrentHashMap<>();

		private final Map<String, MonitoringResource> monitoring = new ConcurrentHashMap<>();

		private final Map<String, Readable<List<DiagnosticSetting>>> diagnostics = new ConcurrentHashMap<>();

		private final Map<String, RoleAssignment> roleAssignments = new ConcurrentHashMap<>();

		private final Map<String, RoleDefinition> roleDefinitions = new ConcurrentHashMap<>();

		private final Map<String, DefenderPricing> pricings = new ConcurrentHashMap<>();

		private final Collection<io.amlwarden.inventory.Principal> principals = new ConcurrentLinkedQueue<>();

		private final Collection<ReadFailure> failures = new ConcurrentLinkedQueue<>();

		private final Map<String, Semaphore> vaultPermits = new ConcurrentHashMap<>();

		/** Vaults (lower-cased ids) whose keys have been read or are being read. */
		private final Set<String> keysRequested = ConcurrentHashMap.newKeySet();

		/**
		 * Resources (lower-cased ids) whose diagnostic settings have been read or are
		 * being read.
		 */
		private final Set<String> diagnosticsRequested = ConcurrentHashMap.newKeySet();

		Run(InventoryScope scope, ScanMeter meter) {
			this.scope = scope;
			this.meter = meter;
			this.context = new Context(ScanMeter.CONTEXT_KEY, meter);
		}

		private void seen(String id) {
			String subscription = ArmIds.subscriptionOf(id);
			if (subscription != null) {
				this.seenSubscriptions.add(subscription);
			}
		}

		void acceptResource(Map<String, Object> row) {
			String type = InventoryMapper.type(row);
			String id = Json.str(row, "id");
			if (id == null) {
				return;
			}
			seen(id);
			String key = ArmIds.key(id);
			switch (type) {
				case InventoryMapper.WORKSPACE -> {
					if (this.scope.includesWorkspace(id)) {
						this.workspaces.put(key, InventoryMapper.workspace(row));
					}
				}
				case InventoryMapper.COMPUTE -> {
					Compute compute = InventoryMapper.compute(row);
					this.computes.computeIfAbsent(ArmIds.key(compute.workspaceId()), (w) -> new java.util.Vector<>())
						.add(compute);
				}
				case InventoryMapper.ONLINE_ENDPOINT -> {
					OnlineEndpoint endpoint = InventoryMapper.onlineEndpoint(row);
					this.endpoints.computeIfAbsent(ArmIds.key(endpoint.workspaceId()), (w) -> new java.util.Vector<>())
						.add(endpoint);
				}
				case InventoryMapper.VAULT -> this.vaults.put(key, InventoryMapper.vault(row));
				case InventoryMapper.STORAGE -> this.storage.put(key, InventoryMapper.storageAccount(row));
				case InventoryMapper.REGISTRY -> this.registries.put(key, InventoryMapper.registry(row));
				case MonitoringResource.APP_INSIGHTS, MonitoringResource.LOG_ANALYTICS ->
					this.monitoring.put(key, InventoryMapper.monitoring(row));
				default -> {
				}
			}
		}

		void acceptRoleAssignment(Map<String, Object> row) {
			if (InventoryMapper.ROLE_DEFINITION.equals(InventoryMapper.type(row))) {
				acceptRoleDefinition(row);
				return;
			}
			RoleAssignment assignment = InventoryMapper.roleAssignment(row);
			seen(assignment.id());
			if (assignment.id() != null) {
				this.roleAssignments.put(ArmIds.key(assignment.id()), assignment);
			}
		}

		void acceptRoleDefinition(Map<String, Object> row) {
			RoleDefinition definition = InventoryMapper.roleDefinition(row);
			if (definition.guid() != null) {
				this.roleDefinitions.putIfAbsent(definition.guid(), definition);
			}
		}

		void acceptPricing(Map<String, Object> row) {
			DefenderPricing pricing = InventoryMapper.pricing(row);
			seen(pricing.id());
			if (pricing.id() != null) {
				this.pricings.put(ArmIds.key(pricing.id()), pricing);
			}
		}

		/**
		 * Budgets one ARM read (pacing happens per attempt in the pipeline).
		 * @throws AzureReadException with reason SKIPPED when the budget is spent
		 */
		void guard(String subscription) {
			if (!this.meter.tryReserve()) {
				throw new AzureReadException(ReadFailure.Reason.SKIPPED, "request budget exhausted");
			}
		}

		/**
		 * Runs one guarded read and records its failure, if any.
		 * @return whether it succeeded
		 */
		boolean read(String subscription, String resourceId, String what, Runnable action) {
			try {
				guard(subscription);
				action.run();
				return true;
			}
			catch (RuntimeException ex) {
				this.failures.add(AzureReadException.failure(resourceId, what, ex));
				return false;
			}
		}

		ReadFailure lastFailure(String resourceId, String what) {
			ReadFailure last = null;
			for (ReadFailure failure : this.failures) {
				if (what.equals(failure.what()) && ArmIds.same(resourceId, failure.resourceId())) {
					last = failure;
				}
			}
			return (last != null) ? last
					: new ReadFailure(resourceId, what, ReadFailure.Reason.ERROR, "unknown failure");
		}

		Set<String> linkedIds() {
			Set<String> ids = new java.util.LinkedHashSet<>();
			for (Workspace workspace : this.workspaces.values()) {
				ids.addAll(workspace.linkedResourceIds());
			}
			Map<String, KeyVault> byUrl = vaultsByUrl();
			for (StorageAccount account : linkedStorage()) {
				if (account.encryption() != null && account.encryption().usesCustomerManagedKey()) {
					KeyVault vault = vaultByUrl(byUrl, account.encryption().keyVaultUri());
					if (vault != null) {
						ids.add(vault.id());
					}
				}
			}
			return ids;
		}

		boolean isKnown(String id) {
			String key = ArmIds.key(id);
			return this.vaults.containsKey(key) || this.storage.containsKey(key) || this.registries.containsKey(key)
					|| this.monitoring.containsKey(key);
		}

		private List<StorageAccount> linkedStorage() {
			List<StorageAccount> accounts = new ArrayList<>();
			for (Workspace workspace : this.workspaces.values()) {
				StorageAccount account = this.storage.get(ArmIds.key(workspace.storageAccountId()));
				if (account != null) {
					accounts.add(account);
				}
			}
			return accounts;
		}

		/**
		 * Vaults by lower-cased base URL, built once per use: a lookup per storage
		 * account must not scan every vault.
		 */
		private Map<String, KeyVault> vaultsByUrl() {
			Map<String, KeyVault> index = new java.util.HashMap<>();
			for (KeyVault vault : this.vaults.values()) {
				String url = KeyUrls.vaultUrl(vault.vaultUri());
				if (url != null) {
					index.putIfAbsent(url, vault);
				}
			}
			return index;
		}

		private static KeyVault vaultByUrl(Map<String, KeyVault> index, String url) {
			String base = KeyUrls.vaultUrl(url);
			return (base != null) ? index.get(base) : null;
		}

		/**
		 * Vaults whose keys matter: those holding a workspace's or a linked storage
		 * account's CMK.
		 */
		Set<String> cmkVaultIds() {
			Map<String, String> ids = new LinkedHashMap<>();
			for (Workspace workspace : this.workspaces.values()) {
				if (workspace.encryption() != null && workspace.encryption().keyVaultArmId() != null) {
					ids.putIfAbsent(ArmIds.key(workspace.encryption().keyVaultArmId()),
							workspace.encryption().keyVaultArmId());
				}
			}
			Map<String, KeyVault> byUrl = vaultsByUrl();
			for (StorageAccount account : linkedStorage()) {
				if (account.encryption() != null && account.encryption().usesCustomerManagedKey()) {
					KeyVault vault = vaultByUrl(byUrl, account.encryption().keyVaultUri());
					if (vault != null) {
						ids.putIfAbsent(ArmIds.key(vault.id()), vault.id());
					}
				}
			}
			return new java.util.LinkedHashSet<>(ids.values());
		}

		/**
		 * Resources whose diagnostic settings posture checks evaluate: workspaces, their
		 * vaults, storage accounts and registries.
		 */
		Set<String> diagnosticTargets() {
			Map<String, String> ids = new LinkedHashMap<>();
			for (Workspace workspace : this.workspaces.values()) {
				ids.putIfAbsent(ArmIds.key(workspace.id()), workspace.id());
				for (String linked : new String[] { workspace.keyVaultId(),
						(workspace.encryption() != null) ? workspace.encryption().keyVaultArmId() : null,
						workspace.storageAccountId(), workspace.containerRegistryId() }) {
					String key = ArmIds.key(linked);
					// Only resources that exist: a 404 was already recorded for the
					// others.
					if (key != null && (this.vaults.containsKey(key) || this.storage.containsKey(key)
							|| this.registries.containsKey(key))) {
						ids.putIfAbsent(key, linked);
					}
				}
			}
			return new java.util.LinkedHashSet<>(ids.values());
		}

		/**
		 * The workspace a scope is at or below (lower-cased), or {@code null}.
		 */
		private static String workspaceOf(String scopeKey) {
			String marker = "/providers/microsoft.machinelearningservices/workspaces/";
			int at = scopeKey.indexOf(marker);
			if (at < 0) {
				return null;
			}
			int end = scopeKey.indexOf('/', at + marker.length());
			return (end < 0) ? scopeKey : scopeKey.substring(0, end);
		}

		List<RoleAssignment> keptRoleAssignments() {
			Set<String> exact = new HashSet<>();
			Set<String> prefixes = new HashSet<>();
			for (Workspace workspace : this.workspaces.values()) {
				exact.add("/subscriptions/" + workspace.subscriptionId());
				exact.add("/subscriptions/" + workspace.subscriptionId() + "/resourcegroups/"
						+ workspace.resourceGroup());
				prefixes.add(ArmIds.key(workspace.id()));
				for (String linked : workspace.linkedResourceIds()) {
					exact.add(ArmIds.key(linked));
				}
			}
			for (String subscription : this.scope.subscriptionIds()) {
				exact.add("/subscriptions/" + subscription.toLowerCase(Locale.ROOT));
			}
			List<RoleAssignment> kept = new ArrayList<>();
			for (RoleAssignment assignment : this.roleAssignments.values()) {
				String scopeKey = ArmIds.key(assignment.scope());
				if (scopeKey == null) {
					continue;
				}
				boolean keep = exact.contains(scopeKey) || "/".equals(assignment.scope())
						|| scopeKey.startsWith("/providers/microsoft.management/managementgroups/")
						|| prefixes.contains(workspaceOf(scopeKey));
				if (keep) {
					kept.add(assignment);
				}
			}
			kept.sort(java.util.Comparator.comparing(RoleAssignment::id));
			return kept;
		}

		TenantSnapshot build() {
			List<Workspace> workspaceList = new ArrayList<>();
			Set<String> linked = new HashSet<>();
			for (Workspace workspace : this.workspaces.values()) {
				String key = ArmIds.key(workspace.id());
				boolean childrenKnown = this.childrenFromGraph.contains(workspace.subscriptionId())
						|| this.childrenRead.containsKey(key);
				workspaceList.add(workspace.withChildren(
						children(key, "#computes", childrenKnown, this.computes.get(key), workspace.id(), "computes"),
						children(key, "#endpoints", childrenKnown, this.endpoints.get(key), workspace.id(),
								"onlineEndpoints")));
				linked.addAll(workspace.linkedResourceIds().stream().map(ArmIds::key).toList());
			}
			workspaceList.sort(java.util.Comparator.comparing((Workspace w) -> ArmIds.key(w.id())));
			Set<String> cmkVaults = new HashSet<>();
			cmkVaultIds().forEach((id) -> cmkVaults.add(ArmIds.key(id)));
			linked.addAll(cmkVaults);
			for (MonitoringResource resource : this.monitoring.values()) {
				if (linked.contains(ArmIds.key(resource.id())) && resource.workspaceResourceId() != null) {
					linked.add(ArmIds.key(resource.workspaceResourceId()));
				}
			}
			TenantSnapshot.Builder builder = TenantSnapshot.builder(this.scope, this.startedAt)
				.workspaces(workspaceList)
				.vaults(only(this.vaults, linked))
				.keys(this.keys.values().stream().sorted(java.util.Comparator.comparing(VaultKey::id)).toList())
				.storageAccounts(only(this.storage, linked))
				.registries(only(this.registries, linked))
				.monitoringResources(only(this.monitoring, linked))
				.roleAssignments(keptRoleAssignments())
				.roleDefinitions(this.roleDefinitions.values())
				.defenderPricings(this.pricings.values())
				.principals(this.principals)
				.readFailures(this.failures)
				.budgetExhausted(this.meter.exhausted())
				.workspacesListed(this.workspacesListed)
				.workspacesListed(this.listedByGraph.stream().filter(this.seenSubscriptions::contains).toList())
				.stats(this.meter.stats());
			this.diagnostics.forEach(builder::diagnosticSettings);
			return builder.build();
		}

		private <T> Readable<List<T>> children(String key, String suffix, boolean known, List<T> items,
				String workspaceId, String what) {
			if (this.childFailures.containsKey(key + suffix)) {
				return Readable.unreadable(lastFailure(workspaceId + "/" + what, what));
			}
			if (!known) {
				return Readable.notCollected();
			}
			return Readable.present((items != null) ? List.copyOf(items) : List.of());
		}

		private <T> List<T> only(Map<String, T> items, Set<String> keys) {
			List<T> kept = new ArrayList<>();
			items.forEach((key, value) -> {
				if (keys.contains(key)) {
					kept.add(value);
				}
			});
			return kept;
		}

	}

}
