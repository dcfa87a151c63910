package io.amlwarden.posture.checks;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.amlwarden.inventory.RotationPolicy;
import io.amlwarden.inventory.VaultKey;
import org.jspecify.annotations.Nullable;

/**
 * Reads key rotation policies. Key Vault writes ISO-8601 durations with calendar units
 * ({@code P90D}, {@code P1Y}, {@code P6M}); months count as 30 days and years as 365, as
 * Key Vault itself approximates them.
 */
final class KeyLifetimes {

	private KeyLifetimes() {
	}

	/**
	 * An ISO-8601 duration as a {@link Duration}, or {@code null} when it cannot be
	 * parsed.
	 */
	static @Nullable Duration parse(@Nullable String iso) {
		if (iso == null || iso.isBlank()) {
			return null;
		}
		String value = iso.trim().toUpperCase(Locale.ROOT);
		try {
			if (!value.contains("T")) {
				Period period = Period.parse(value);
				return Duration.ofDays(period.getYears() * 365L + period.getMonths() * 30L + period.getDays());
			}
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * How long after a version is created the policy rotates it: the shortest
	 * {@code Rotate} trigger. A {@code timeBeforeExpiry} trigger counts from the policy's
	 * {@code expiryTime} (the lifetime of new versions) or, without one, from the current
	 * version's own lifetime.
	 * @return the interval, or {@code null} when the policy does not rotate or its
	 * triggers cannot be read
	 */
	static @Nullable Duration rotationInterval(RotationPolicy policy, VaultKey key) {
		Duration shortest = null;
		for (RotationPolicy.LifetimeAction action : policy.lifetimeActions()) {
			if (action.action() != RotationPolicy.Action.ROTATE) {
				continue;
			}
			Duration interval = parse(action.timeAfterCreate());
			if (interval == null) {
				Duration before = parse(action.timeBeforeExpiry());
				Duration lifetime = parse(policy.expiryTime());
				if (lifetime == null && key.created() != null && key.expires() != null) {
					lifetime = Duration.between(key.created(), key.expires());
				}
				interval = (before != null && lifetime != null) ? lifetime.minus(before) : null;
			}
			if (interval != null && (shortest == null || interval.compareTo(shortest) < 0)) {
				shortest = interval;
			}
		}
		return shortest;
	}

	/**
	 * A duration in days for evidence, e.g. {@code 90 days}.
	 */
	static String days(Duration duration) {
		return duration.toDays() + " days";
	}

	/**
	 * How a policy's rotate triggers read in evidence.
	 */
	static String describe(RotationPolicy policy) {
		StringBuilder text = new StringBuilder();
		for (RotationPolicy.LifetimeAction action : policy.lifetimeActions()) {
			if (!text.isEmpty()) {
				text.append(", ");
			}
			text.append(action.action().name().toLowerCase(Locale.ROOT));
			if (action.timeAfterCreate() != null) {
				text.append(" ").append(action.timeAfterCreate()).append(" after create");
			}
			if (action.timeBeforeExpiry() != null) {
				text.append(" ").append(action.timeBeforeExpiry()).append(" before expiry");
			}
		}
		if (policy.expiryTime() != null) {
			text.append("; new versions expire after ").append(policy.expiryTime());
		}
		return text.isEmpty() ? "no lifetime actions" : text.toString();
	}

}
