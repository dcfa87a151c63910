package io.amlwarden.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A key's rotation policy.
 *
 * @param expiryTime ISO-8601 duration: the lifetime of newly rotated versions (not of the
 * current one)
 * @param lifetimeActions the actions and their triggers
 * @param created when the policy was created
 * @param updated when the policy was last updated
 */
public record RotationPolicy(String expiryTime, List<LifetimeAction> lifetimeActions, Instant created,
		Instant updated) {

	public RotationPolicy {
		lifetimeActions = (lifetimeActions != null) ? List.copyOf(lifetimeActions) : List.of();
	}

	/**
	 * Whether the policy rotates automatically.
	 */
	public boolean rotatesAutomatically() {
		return this.lifetimeActions.stream().anyMatch((a) -> a.action() == Action.ROTATE);
	}

	/**
	 * What a lifetime action does. Key Vault writes {@code Rotate} while the Java SDK
	 * writes {@code rotate}: parse ignoring case.
	 */
	public enum Action {

		ROTATE, NOTIFY, OTHER;

		public static Action parse(String value) {
			if (value == null) {
				return OTHER;
			}
			return switch (value.toLowerCase(Locale.ROOT)) {
				case "rotate" -> ROTATE;
				case "notify" -> NOTIFY;
				default -> OTHER;
			};
		}

	}

	/**
	 * One action with its trigger; exactly one of the two trigger durations is set.
	 *
	 * @param action the action
	 * @param timeAfterCreate ISO-8601 duration after the version was created
	 * @param timeBeforeExpiry ISO-8601 duration before the version expires
	 */
	public record LifetimeAction(Action action, String timeAfterCreate, String timeBeforeExpiry) {
	}

}
