package io.amlwarden.azure;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Client-side token buckets, one per subscription, mirroring ARM's read bucket so that
 * every read attempt (retries included, see {@link ArmReadPacingPolicy}) spends the
 * subscription's quota at the rate ARM refills it instead of provoking 429s (which also
 * cost the other tools that share the subscription).
 * <p>
 * A bucket that only counted its own requests would drift from ARM's: ARM starts counting
 * when the first request arrives, other clients spend the same quota, and latency varies.
 * So each bucket also follows what ARM reports: after every response that carries
 * {@code x-ms-ratelimit-remaining-subscription-reads}, the bucket lowers itself to at
 * most what ARM has left minus the requests still on the wire (and one token of margin).
 * It never raises itself above its own count. The buckets live as long as the service,
 * like ARM's.
 */
class SubscriptionPacer {

	private static final double MARGIN = 1;

	private final int burst;

	private final double perSecond;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	SubscriptionPacer(int burst, double perSecond) {
		this.burst = Math.max(1, burst);
		this.perSecond = perSecond;
	}

	boolean enabled() {
		return this.perSecond > 0;
	}

	/**
	 * Blocks until the subscription may send one more read, then counts it as on the
	 * wire; pair with {@link #completed}.
	 */
	void acquire(String subscriptionId) throws InterruptedException {
		long waitNanos = reserve(subscriptionId);
		if (waitNanos > 0) {
			TimeUnit.NANOSECONDS.sleep(waitNanos);
		}
		sent(subscriptionId);
	}

	/**
	 * Takes a token, possibly in advance: the caller must wait the returned time, then
	 * call {@link #sent}.
	 * @return nanoseconds to wait before sending
	 */
	long reserve(String subscriptionId) {
		if (!enabled()) {
			return 0;
		}
		Bucket bucket = bucket(subscriptionId);
		synchronized (bucket) {
			bucket.refill();
			bucket.tokens -= 1;
			bucket.waiting++;
			return (bucket.tokens >= 0) ? 0 : (long) (-bucket.tokens / this.perSecond * 1e9);
		}
	}

	/** The reserved read is now on the wire. */
	void sent(String subscriptionId) {
		if (!enabled()) {
			return;
		}
		Bucket bucket = bucket(subscriptionId);
		synchronized (bucket) {
			bucket.waiting--;
			bucket.onWire++;
		}
	}

	/**
	 * A read came back (or failed).
	 * @param remainingReads what ARM reported it has left, or {@code null} when the
	 * response did not say
	 */
	void completed(String subscriptionId, Long remainingReads) {
		if (!enabled()) {
			return;
		}
		Bucket bucket = bucket(subscriptionId);
		synchronized (bucket) {
			bucket.onWire--;
			if (remainingReads != null && remainingReads >= 0) {
				bucket.refill();
				double believed = bucket.tokens + bucket.waiting;
				double reported = remainingReads - bucket.onWire - MARGIN;
				if (believed > reported) {
					bucket.tokens -= believed - reported;
				}
			}
		}
	}

	private Bucket bucket(String subscriptionId) {
		return this.buckets.computeIfAbsent(subscriptionId.toLowerCase(Locale.ROOT), (s) -> new Bucket());
	}

	private final class Bucket {

		private double tokens = SubscriptionPacer.this.burst;

		private long last = System.nanoTime();

		private int waiting;

		private int onWire;

		void refill() {
			long now = System.nanoTime();
			this.tokens = Math.min(SubscriptionPacer.this.burst,
					this.tokens + (now - this.last) / 1e9 * SubscriptionPacer.this.perSecond);
			this.last = now;
		}

	}

}
