package io.amlwarden.azure;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Client-side token buckets, one per subscription, mirroring ARM's read bucket so that a
 * scan spends the subscription's quota at the rate ARM refills it instead of provoking
 * 429s (which also cost the other tools that share the subscription). The buckets live as
 * long as the service, like ARM's.
 */
class SubscriptionPacer {

	private final int burst;

	private final double perSecond;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	SubscriptionPacer(int burst, double perSecond) {
		this.burst = Math.max(1, burst);
		this.perSecond = perSecond;
	}

	/**
	 * Blocks until the subscription may send one more read.
	 */
	void acquire(String subscriptionId) throws InterruptedException {
		if (this.perSecond <= 0) {
			return;
		}
		Bucket bucket = this.buckets.computeIfAbsent(subscriptionId.toLowerCase(Locale.ROOT), (s) -> new Bucket());
		long waitNanos;
		synchronized (bucket) {
			bucket.refill();
			bucket.tokens -= 1;
			waitNanos = (bucket.tokens >= 0) ? 0 : (long) (-bucket.tokens / this.perSecond * 1e9);
		}
		if (waitNanos > 0) {
			TimeUnit.NANOSECONDS.sleep(waitNanos);
		}
	}

	private final class Bucket {

		private double tokens = SubscriptionPacer.this.burst;

		private long last = System.nanoTime();

		void refill() {
			long now = System.nanoTime();
			this.tokens = Math.min(SubscriptionPacer.this.burst,
					this.tokens + (now - this.last) / 1e9 * SubscriptionPacer.this.perSecond);
			this.last = now;
		}

	}

}
