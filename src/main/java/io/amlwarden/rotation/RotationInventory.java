package io.amlwarden.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.scans.InventoryStore;

/**
 * The inventory the rotation module searches for dependents (which workspaces and storage
 * accounts use a key) and lists under {@code GET /keys}.
 * <p>
 * Dependents come first from the inventory the scans store (table
 * {@code inventory_workspace}) when every subscription concerned was collected within
 * {@code inventoryMaxAge}: no replica then collects on its own. Otherwise, and for
 * {@code GET /keys}, the inventory is collected in bulk through Resource Graph and kept
 * in memory for {@code inventoryMaxAge}. Either way each rotation reads every dependent
 * fresh from ARM at plan, at preflight (re-planning when the result differs) and before
 * and after changing it, so an old inventory can only miss a dependent added since, never
 * change the wrong one.
 */
class RotationInventory {

	private final Function<InventoryScope, TenantSnapshot> collector;

	private final StoredInventory stored;

	private final Duration maxAge;

	private final Clock clock;

	private volatile Cached cached;

	RotationInventory(Function<InventoryScope, TenantSnapshot> collector, Duration maxAge, Clock clock) {
		this(collector, (subscriptions, notBefore) -> Optional.empty(), maxAge, clock);
	}

	RotationInventory(Function<InventoryScope, TenantSnapshot> collector, StoredInventory stored, Duration maxAge,
			Clock clock) {
		this.collector = collector;
		this.stored = stored;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/**
	 * A snapshot covering at least these subscriptions, no older than the configured age.
	 */
	TenantSnapshot snapshot(Set<String> subscriptions) {
		Set<String> wanted = new TreeSet<>();
		subscriptions.forEach((s) -> wanted.add(s.toLowerCase(java.util.Locale.ROOT)));
		Instant now = this.clock.instant();
		Cached current = this.cached;
		if (current != null && current.subscriptions().containsAll(wanted)
				&& current.at().plus(this.maxAge).isAfter(now)) {
			return current.snapshot();
		}
		synchronized (this) {
			current = this.cached;
			if (current != null && current.subscriptions().containsAll(wanted)
					&& current.at().plus(this.maxAge).isAfter(now)) {
				return current.snapshot();
			}
			Set<String> scope = new TreeSet<>(wanted);
			if (current != null && current.at().plus(this.maxAge).isAfter(now)) {
				scope.addAll(current.subscriptions());
			}
			TenantSnapshot snapshot = this.collector.apply(InventoryScope.subscriptions(java.util.List.copyOf(scope)));
			this.cached = new Cached(scope, now, snapshot);
			return snapshot;
		}
	}

	/**
	 * The workspaces and storage accounts that may use a key, with the key URL each used
	 * when it was collected: from the stored inventory when it is recent enough, else
	 * from {@link #snapshot}.
	 */
	Candidates candidates(Set<String> subscriptions) {
		Instant notBefore = this.clock.instant().minus(this.maxAge);
		Optional<InventoryStore.StoredKeyUsers> fromStore = this.stored.keyUsers(subscriptions, notBefore);
		if (fromStore.isPresent()) {
			List<Candidate> workspaces = new ArrayList<>();
			List<Candidate> storage = new ArrayList<>();
			for (InventoryStore.StoredKeyUser user : fromStore.get().users()) {
				(user.kind() == InventoryStore.StoredKeyUser.Kind.WORKSPACE ? workspaces : storage)
					.add(new Candidate(user.resourceId(), user.keyUrl()));
			}
			return new Candidates(workspaces, storage, fromStore.get().collectedAt(), true);
		}
		TenantSnapshot snapshot = snapshot(subscriptions);
		List<Candidate> workspaces = new ArrayList<>();
		for (Workspace workspace : snapshot.workspaces()) {
			if (workspace.encryption() != null && workspace.encryption().keyIdentifier() != null) {
				workspaces.add(new Candidate(workspace.id(), workspace.encryption().keyIdentifier()));
			}
		}
		List<Candidate> storage = new ArrayList<>();
		for (StorageAccount account : snapshot.storageAccounts()) {
			StorageAccount.Encryption encryption = account.encryption();
			if (encryption != null && encryption.usesCustomerManagedKey() && encryption.keyVaultUri() != null) {
				storage.add(new Candidate(account.id(),
						encryption.keyVaultUri().replaceAll("/+$", "") + "/keys/" + encryption.keyName()));
			}
		}
		return new Candidates(workspaces, storage, snapshot.collectedAt(), false);
	}

	/** Forgets the snapshot, e.g. after a rotation changed dependents. */
	void invalidate() {
		this.cached = null;
	}

	/**
	 * Reads key users from the inventory the scans stored.
	 */
	@FunctionalInterface
	interface StoredInventory {

		Optional<InventoryStore.StoredKeyUsers> keyUsers(Set<String> subscriptions, Instant notBefore);

	}

	/**
	 * A resource that used a key URL when it was inventoried.
	 */
	record Candidate(String resourceId, String keyUrl) {
	}

	/**
	 * Possible dependents.
	 *
	 * @param workspaces workspaces with a customer-managed key
	 * @param storageAccounts storage accounts with a customer-managed key
	 * @param collectedAt when the inventory they come from was collected
	 * @param stored whether that was the inventory the scans stored
	 */
	record Candidates(List<Candidate> workspaces, List<Candidate> storageAccounts, Instant collectedAt,
			boolean stored) {
	}

	private record Cached(Set<String> subscriptions, Instant at, TenantSnapshot snapshot) {
	}

}
