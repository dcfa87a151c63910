package io.amlwarden.rotation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.ProblemType;

/**
 * Strict ISO-8601 durations for rotation settings. Only exact units are accepted: weeks
 * and days ({@code P90D}, {@code P2W}) and times ({@code PT12H}). Months and years are
 * refused because their length varies and because {@code P3M} (three months) is easily
 * confused with {@code PT3M} (three minutes); Azure's own examples mix them up
 * (Azure/azure-rest-api-specs#11965).
 */
final class IsoDurations {

	private static final Pattern EXACT = Pattern
		.compile("P(?:(\\d{1,5})W)?(?:(\\d{1,6})D)?(?:T(?:(\\d{1,7})H)?(?:(\\d{1,9})M)?(?:(\\d{1,10})S)?)?");

	private static final Pattern CALENDAR = Pattern.compile("P(?:\\d+Y)?(?:\\d+M)?(?:\\d+W)?(?:\\d+D)?(?:T.*)?");

	private IsoDurations() {
	}

	/**
	 * Parses a duration.
	 * @param field the request field, for the problem
	 * @param text the value
	 * @return the duration
	 * @throws ApiException a validation problem naming the field
	 */
	static Duration parse(String field, String text) {
		return parse(field, text, false);
	}

	/**
	 * Parses a duration that may be zero (e.g. no jitter).
	 */
	static Duration parseOrZero(String field, String text) {
		return parse(field, text, true);
	}

	private static Duration parse(String field, String text, boolean allowZero) {
		String value = text.trim();
		Matcher matcher = EXACT.matcher(value);
		if (matcher.matches() && !value.equals("P") && !value.endsWith("T")) {
			Duration duration = Duration.ZERO;
			duration = add(duration, matcher.group(1), Duration.ofDays(7));
			duration = add(duration, matcher.group(2), Duration.ofDays(1));
			duration = add(duration, matcher.group(3), Duration.ofHours(1));
			duration = add(duration, matcher.group(4), Duration.ofMinutes(1));
			duration = add(duration, matcher.group(5), Duration.ofSeconds(1));
			if (duration.isZero() && !allowZero) {
				throw invalid(field, "invalid-duration", "must be longer than zero");
			}
			return duration;
		}
		if (CALENDAR.matcher(value).matches() && (value.contains("Y") || value.matches("P[^T]*M.*"))) {
			throw invalid(field, "ambiguous-duration", "'" + value + "' uses months or years, whose length varies; "
					+ "give days instead (e.g. P90D; PT90M would be 90 minutes)");
		}
		throw invalid(field, "invalid-duration",
				"'" + value + "' is not an ISO-8601 duration such as P90D (days), P2W (weeks) or PT12H (hours)");
	}

	/**
	 * Formats a duration the way policies store it: whole days as {@code PnD}, otherwise
	 * Java's {@code PTnHnMnS}.
	 */
	static String format(Duration duration) {
		if (!duration.isZero() && duration.toSeconds() % 86400 == 0) {
			return "P" + duration.toDays() + "D";
		}
		return duration.toString();
	}

	private static Duration add(Duration total, String amount, Duration unit) {
		return (amount != null) ? total.plus(unit.multipliedBy(Long.parseLong(amount))) : total;
	}

	static ApiException invalid(String field, String code, String message) {
		return new ApiException(ProblemType.VALIDATION_FAILED, field + " " + message,
				Map.of("errors", List.of(Map.of("field", field, "code", code, "message", message))));
	}

}
