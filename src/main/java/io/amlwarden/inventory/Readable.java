package io.amlwarden.inventory;

import java.util.Objects;

/**
 * A value the collector read, or why it has none. Keeps "we could not read it" apart from
 * "it is not there", which a posture check must report as unknown rather than as a
 * failure.
 *
 * @param <T> the value type
 * @param state what happened
 * @param value the value when {@link State#PRESENT}, otherwise {@code null}
 * @param failure the failure when {@link State#UNREADABLE}, otherwise {@code null}
 */
public record Readable<T>(State state, T value, ReadFailure failure) {

	public enum State {

		/** Read, and there is a value. */
		PRESENT,

		/**
		 * Read, and Azure says there is nothing (e.g. a key without a rotation policy).
		 */
		ABSENT,

		/** The read failed; see {@link Readable#failure()}. */
		UNREADABLE,

		/** Not collected in this scan (e.g. disabled by configuration). */
		NOT_COLLECTED

	}

	public Readable {
		Objects.requireNonNull(state, "state");
		if (state == State.PRESENT) {
			Objects.requireNonNull(value, "value");
		}
		if (state == State.UNREADABLE) {
			Objects.requireNonNull(failure, "failure");
		}
	}

	public static <T> Readable<T> present(T value) {
		return new Readable<>(State.PRESENT, value, null);
	}

	public static <T> Readable<T> absent() {
		return new Readable<>(State.ABSENT, null, null);
	}

	public static <T> Readable<T> ofNullable(T value) {
		return (value != null) ? present(value) : absent();
	}

	public static <T> Readable<T> unreadable(ReadFailure failure) {
		return new Readable<>(State.UNREADABLE, null, failure);
	}

	public static <T> Readable<T> notCollected() {
		return new Readable<>(State.NOT_COLLECTED, null, null);
	}

	public boolean isPresent() {
		return this.state == State.PRESENT;
	}

	/**
	 * Whether the read succeeded, with or without a value.
	 */
	public boolean isKnown() {
		return this.state == State.PRESENT || this.state == State.ABSENT;
	}

	public T orElse(T other) {
		return (this.state == State.PRESENT) ? this.value : other;
	}

}
