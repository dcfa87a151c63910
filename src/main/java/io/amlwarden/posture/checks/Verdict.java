package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.CheckStatus;
import io.amlwarden.posture.Evidence;
import org.jspecify.annotations.Nullable;

/**
 * A check's judgement of one resource, before it is turned into a result.
 *
 * @param status the outcome
 * @param evidence what was observed and expected
 * @param detail a sentence for humans
 */
record Verdict(CheckStatus status, @Nullable Evidence evidence, String detail) {

	/** How an absent value is shown in evidence. */
	static final String ABSENT = "absent";

	static Verdict pass(String path, @Nullable Object observed, String expected, String detail) {
		return new Verdict(CheckStatus.PASS, new Evidence(path, show(observed), expected), detail);
	}

	static Verdict fail(String path, @Nullable Object observed, String expected, String detail) {
		return new Verdict(CheckStatus.FAIL, new Evidence(path, show(observed), expected), detail);
	}

	/**
	 * PASS or FAIL depending on a condition, with the same evidence.
	 */
	static Verdict of(boolean passes, String path, @Nullable Object observed, String expected, String passDetail,
			String failDetail) {
		return passes ? pass(path, observed, expected, passDetail) : fail(path, observed, expected, failDetail);
	}

	static Verdict unknown(String path, String expected, String detail) {
		return new Verdict(CheckStatus.UNKNOWN, new Evidence(path, "unreadable", expected), detail);
	}

	static Verdict unreadable(String path, String expected, String what, @Nullable ReadFailure failure) {
		return unknown(path, expected, describe(what, failure));
	}

	static Verdict notApplicable(String detail) {
		return new Verdict(CheckStatus.NOT_APPLICABLE, null, detail);
	}

	/**
	 * The detail of an UNKNOWN result: what could not be read and why.
	 */
	static String describe(String what, @Nullable ReadFailure failure) {
		if (failure == null) {
			return what + " was not collected in this scan";
		}
		String reason = switch (failure.reason()) {
			case FORBIDDEN -> "access was denied";
			case NOT_FOUND -> "it was not found (deleted, or hidden from the collector)";
			case THROTTLED -> "Azure throttled the read";
			case TIMEOUT -> "the read timed out";
			case SKIPPED -> "the scan's request budget ran out first";
			case ERROR -> "the read failed";
		};
		String detail = (failure.detail() != null && !failure.detail().isBlank()) ? " (" + failure.detail() + ")" : "";
		return "Could not read " + what + ": " + reason + detail;
	}

	/**
	 * How a value is shown in evidence: {@code absent} for {@code null}.
	 */
	static String show(@Nullable Object value) {
		if (value == null) {
			return ABSENT;
		}
		String text = String.valueOf(value);
		return text.isEmpty() ? "\"\"" : text;
	}

}
