package io.amlwarden.azure;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.amlwarden.inventory.CollectionStats;

/**
 * Counts the requests of one scan and enforces its request budget. It travels with each
 * request in the SDK {@code Context} (see {@link AzureRequestPolicy}), so retries are
 * counted too.
 */
final class ScanMeter {

	static final String CONTEXT_KEY = "warden-scan-meter";

	private final long budget;

	private final long startNanos = System.nanoTime();

	private final AtomicLong arm = new AtomicLong();

	private final AtomicLong graph = new AtomicLong();

	private final AtomicLong keyVault = new AtomicLong();

	private final AtomicLong directory = new AtomicLong();

	private final AtomicLong throttled = new AtomicLong();

	private final AtomicLong reserved = new AtomicLong();

	private final AtomicBoolean exhausted = new AtomicBoolean();

	/**
	 * @param budget ARM plus Key Vault reads this scan may start; 0 means unlimited
	 */
	ScanMeter(long budget) {
		this.budget = budget;
	}

	/**
	 * Reserves one ARM or Key Vault read before it is sent.
	 * @return {@code false} when the budget is spent: the caller must skip the read
	 */
	boolean tryReserve() {
		if (this.budget <= 0) {
			return true;
		}
		if (this.reserved.incrementAndGet() > this.budget) {
			this.exhausted.set(true);
			return false;
		}
		return true;
	}

	boolean exhausted() {
		return this.exhausted.get();
	}

	void recorded(AzureApi service, int status) {
		switch (service) {
			case ARM -> this.arm.incrementAndGet();
			case RESOURCE_GRAPH -> this.graph.incrementAndGet();
			case KEY_VAULT -> this.keyVault.incrementAndGet();
			case MICROSOFT_GRAPH -> this.directory.incrementAndGet();
			default -> {
			}
		}
		if (status == 429) {
			this.throttled.incrementAndGet();
		}
	}

	CollectionStats stats() {
		return new CollectionStats(this.arm.get(), this.graph.get(), this.keyVault.get(), this.directory.get(),
				this.throttled.get(), (System.nanoTime() - this.startNanos) / 1_000_000);
	}

}
