package io.amlwarden.simulator;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault injected on the routes whose label (e.g. {@code arm GET keys}) or path matches
 * a pattern: extra latency, an error status with optional {@code Retry-After}, or a
 * timeout; for a number of requests or forever.
 */
public final class Fault {

	private final Pattern pattern;

	private final int status;

	private final int retryAfterSeconds;

	private final long latencyMillis;

	private final boolean timeout;

	private final AtomicInteger remaining;

	private volatile double probability = 1.0;

	private String code;

	private String message;

	private Fault(String regex, int status, int retryAfterSeconds, long latencyMillis, boolean timeout, int times) {
		this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
		this.status = status;
		this.retryAfterSeconds = retryAfterSeconds;
		this.latencyMillis = latencyMillis;
		this.timeout = timeout;
		this.remaining = new AtomicInteger(times);
	}

	/** Answers 429 with {@code Retry-After}. */
	public static Fault throttle(String regex, int retryAfterSeconds, int times) {
		return new Fault(regex, 429, retryAfterSeconds, 0, false, times);
	}

	/** Answers an error status. */
	public static Fault status(String regex, int status, int times) {
		return new Fault(regex, status, -1, 0, false, times);
	}

	/** Answers an error status with Azure's error code and message. */
	public static Fault error(String regex, int status, String code, String message, int times) {
		Fault fault = new Fault(regex, status, -1, 0, false, times);
		fault.code = code;
		fault.message = message;
		return fault;
	}

	public static Fault latency(String regex, long millis) {
		return new Fault(regex, 0, -1, millis, false, Integer.MAX_VALUE);
	}

	/**
	 * The fault mix of the soak tests on the matching routes: one 429, one 503 and one
	 * timeout for certain, so every kind is exercised on every run, then at random 30%
	 * 429 ({@code Retry-After: 1}), 10% 503 and 5% no answer (tried in this order, hence
	 * the conditional probabilities).
	 * @param regex the routes
	 * @return the faults, in the order to add them
	 */
	public static List<Fault> soakMix(String regex) {
		return List.of(throttle(regex, 1, 1), status(regex, 503, 1), timeout(regex, 1),
				throttle(regex, 1, Integer.MAX_VALUE).withProbability(0.30),
				status(regex, 503, Integer.MAX_VALUE).withProbability(0.10 / 0.70),
				timeout(regex, Integer.MAX_VALUE).withProbability(0.05 / 0.60));
	}

	/** Never answers in time. */
	public static Fault timeout(String regex, int times) {
		return new Fault(regex, 0, -1, 0, true, times);
	}

	/**
	 * Makes the fault strike each matching request only with this probability (faults are
	 * tried in the order they were added).
	 * @param probability between 0 and 1
	 * @return this fault
	 */
	public Fault withProbability(double probability) {
		this.probability = probability;
		return this;
	}

	boolean matches(String route, String path) {
		return this.pattern.matcher(route).find() || this.pattern.matcher(path).find();
	}

	boolean consume() {
		if (this.probability < 1.0
				&& java.util.concurrent.ThreadLocalRandom.current().nextDouble() >= this.probability) {
			return false;
		}
		return this.remaining.getAndUpdate((n) -> (n == Integer.MAX_VALUE) ? n : n - 1) > 0;
	}

	int status() {
		return this.status;
	}

	int retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	long latencyMillis() {
		return this.latencyMillis;
	}

	boolean timeout() {
		return this.timeout;
	}

	String code() {
		return this.code;
	}

	String message() {
		return this.message;
	}

}
