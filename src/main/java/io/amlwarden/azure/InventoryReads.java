package io.amlwarden.azure;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.amlwarden.inventory.ContainerRegistry;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.TenantSnapshot;

/**
 * What a collection reads: the one list to extend when the inventory needs another Azure
 * resource type.
 * <ul>
 * <li>The ML workspaces ({@link ResourceGraphQueries#WORKSPACES}), their computes and
 * online endpoints, and every type in {@link #LINKED}, in bulk from Resource Graph
 * ({@link #RESOURCES_QUERY}) or, where Graph fails, listed per subscription through ARM
 * (the {@code path} and {@code apiVersion} of each entry). A linked resource the bulk
 * pass did not return is read on its own through ARM.</li>
 * <li>The role assignments and definitions and the Defender pricings of each subscription
 * ({@link #SUBSCRIPTION_WIDE}), from Resource Graph or ARM alike.</li>
 * <li>Per resource, through ARM only: the keys (and key versions) of each vault holding a
 * customer-managed key, and the diagnostic settings of each workspace and of its linked
 * resources whose type says {@code diagnostics}.</li>
 * <li>The principals of the kept role assignments, from Microsoft Graph.</li>
 * </ul>
 * Adding a linked resource type takes an entry here, its mapping in
 * {@link InventoryMapper} and its list in {@link TenantSnapshot}.
 */
final class InventoryReads {

	static final LinkedRead<KeyVault> KEY_VAULTS = new LinkedRead<>(InventoryMapper.VAULT, "Microsoft.KeyVault/vaults",
			ArmRequests.KEY_VAULT_API, "vaults", true, InventoryMapper::vault, TenantSnapshot.Builder::vaults);

	static final LinkedRead<StorageAccount> STORAGE_ACCOUNTS = new LinkedRead<>(InventoryMapper.STORAGE,
			"Microsoft.Storage/storageAccounts", ArmRequests.STORAGE_API, "storageAccounts", true,
			InventoryMapper::storageAccount, TenantSnapshot.Builder::storageAccounts);

	static final LinkedRead<ContainerRegistry> REGISTRIES = new LinkedRead<>(InventoryMapper.REGISTRY,
			"Microsoft.ContainerRegistry/registries", ArmRequests.REGISTRY_API, "registries", true,
			InventoryMapper::registry, TenantSnapshot.Builder::registries);

	static final LinkedRead<MonitoringResource> APP_INSIGHTS = new LinkedRead<>(MonitoringResource.APP_INSIGHTS,
			"Microsoft.Insights/components", ArmRequests.APP_INSIGHTS_API, "appInsights", false,
			InventoryMapper::monitoring, TenantSnapshot.Builder::monitoringResources);

	static final LinkedRead<MonitoringResource> LOG_ANALYTICS = new LinkedRead<>(MonitoringResource.LOG_ANALYTICS,
			"Microsoft.OperationalInsights/workspaces", ArmRequests.LOG_ANALYTICS_API, "logAnalytics", false,
			InventoryMapper::monitoring, TenantSnapshot.Builder::monitoringResources);

	/** Resource types a workspace links to, in listing order. */
	static final List<LinkedRead<?>> LINKED = List.of(KEY_VAULTS, STORAGE_ACCOUNTS, REGISTRIES, APP_INSIGHTS,
			LOG_ANALYTICS);

	private static final Map<String, LinkedRead<?>> LINKED_BY_TYPE = LINKED.stream()
		.collect(Collectors.toUnmodifiableMap(LinkedRead::type, Function.identity()));

	/** Everything a workspace contains or links to, for the bulk pass. */
	static final String RESOURCES_QUERY = "resources | where type in~ ("
			+ "'microsoft.machinelearningservices/workspaces/computes', "
			+ "'microsoft.machinelearningservices/workspaces/onlineendpoints', "
			+ LINKED.stream().map((read) -> "'" + read.type() + "'").collect(Collectors.joining(", ")) + ") "
			+ ResourceGraphQueries.PROJECTION;

	static final SubscriptionRead ROLE_ASSIGNMENTS = new SubscriptionRead("Microsoft.Authorization/roleAssignments",
			ArmRequests.AUTHORIZATION_API, "roleAssignments");

	static final SubscriptionRead ROLE_DEFINITIONS = new SubscriptionRead("Microsoft.Authorization/roleDefinitions",
			ArmRequests.AUTHORIZATION_API, "roleDefinitions");

	static final SubscriptionRead PRICINGS = new SubscriptionRead("Microsoft.Security/pricings",
			ArmRequests.SECURITY_PRICINGS_API, "defenderPricings");

	/** Subscription-wide listings. */
	static final List<SubscriptionRead> SUBSCRIPTION_WIDE = List.of(ROLE_ASSIGNMENTS, ROLE_DEFINITIONS, PRICINGS);

	private InventoryReads() {
	}

	/**
	 * The linked type of a resource row.
	 * @param type the row's type, lower case
	 * @return its entry, or {@code null} when the collection does not read that type
	 */
	static LinkedRead<?> linked(String type) {
		return LINKED_BY_TYPE.get(type);
	}

	/**
	 * The linked type of an ARM id.
	 * @param id an ARM id in any case
	 * @return its entry, or {@code null}
	 */
	static LinkedRead<?> linkedOf(String id) {
		String key = io.amlwarden.inventory.ArmIds.key(id);
		if (key == null) {
			return null;
		}
		for (LinkedRead<?> read : LINKED) {
			if (key.contains("/providers/" + read.type() + "/")) {
				return read;
			}
		}
		return null;
	}

	/**
	 * One resource type a workspace links to.
	 *
	 * @param type the ARM type, lower case, as Resource Graph and ARM rows carry it
	 * @param path the provider path listed per subscription when Graph fails
	 * @param apiVersion the ARM API version of that listing and of single reads
	 * @param listing what a failed listing is recorded as
	 * @param diagnostics whether its diagnostic settings are read when a workspace links
	 * to it
	 * @param mapper row to inventory record
	 * @param snapshot where the linked records go in the snapshot
	 * @param <T> the inventory record
	 */
	record LinkedRead<T>(String type, String path, String apiVersion, String listing, boolean diagnostics,
			Function<Map<String, Object>, T> mapper, BiConsumer<TenantSnapshot.Builder, Collection<T>> snapshot) {

		@SuppressWarnings("unchecked")
		void addTo(TenantSnapshot.Builder builder, Collection<?> records) {
			this.snapshot.accept(builder, (Collection<T>) records);
		}

	}

	/**
	 * One subscription-wide ARM listing.
	 *
	 * @param path the provider path under {@code /subscriptions/{id}/providers/}
	 * @param apiVersion its API version
	 * @param listing what a failed listing is recorded as
	 */
	record SubscriptionRead(String path, String apiVersion, String listing) {

		String under(String subscription) {
			return "/subscriptions/" + subscription + "/providers/" + this.path;
		}

	}

}
