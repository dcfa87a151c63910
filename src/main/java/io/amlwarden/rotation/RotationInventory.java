package io.amlwarden.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.TenantSnapshot;

/**
 * The inventory the rotation module searches for dependents (which workspaces and storage
 * accounts use a key) and lists under {@code GET /keys}. Collected in bulk through
 * Resource Graph and kept for {@code inventoryMaxAge}; each rotation still reads every
 * dependent fresh from ARM before and after changing it, so a stale snapshot can only
 * miss a dependent added since, never change the wrong one.
 */
class RotationInventory {

	private final Function<InventoryScope, TenantSnapshot> collector;

	private final Duration maxAge;

	private final Clock clock;

	private volatile Cached cached;

	RotationInventory(Function<InventoryScope, TenantSnapshot> collector, Duration maxAge, Clock clock) {
		this.collector = collector;
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

	/** Forgets the snapshot, e.g. after a rotation changed dependents. */
	void invalidate() {
		this.cached = null;
	}

	private record Cached(Set<String> subscriptions, Instant at, TenantSnapshot snapshot) {
	}

}
