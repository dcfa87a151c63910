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
public record ReadResult<T>(State state, T value, ReadFailure failure) {

	public enum State {

		/** Read, and there is a value. */
		PRESENT,

		/**
		 * Read, and Azure says there is nothing (e.g. a key without a rotation policy).
		 */
		ABSENT,

		/** The read failed; see {@link ReadResult#failure()}. */
		UNREADABLE,

		/** Not collected in this scan (e.g. disabled by configuration). */
		NOT_COLLECTED

	}

	public ReadResult {
		Objects.requireNonNull(state, "state");
		if (state == State.PRESENT) {
			Objects.requireNonNull(value, "value");
		}
		if (state == State.UNREADABLE) {
			Objects.requireNonNull(failure, "failure");
		}
	}

	public static <T> ReadResult<T> present(T value) {
		return new ReadResult<>(State.PRESENT, value, null);
	}

	public static <T> ReadResult<T> absent() {
		return new ReadResult<>(State.ABSENT, null, null);
	}

	public static <T> ReadResult<T> ofNullable(T value) {
		return (value != null) ? present(value) : absent();
	}

	public static <T> ReadResult<T> unreadable(ReadFailure failure) {
		return new ReadResult<>(State.UNREADABLE, null, failure);
	}

	public static <T> ReadResult<T> notCollected() {
		return new ReadResult<>(State.NOT_COLLECTED, null, null);
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
