package io.amlwarden.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The time range and bucket size of a trend request ({@code from}, {@code to},
 * {@code bucket}), validated once for every trend endpoint: {@code from} before
 * {@code to}, at most two years apart and at most {@link #MAX_BUCKETS} buckets, so no
 * request can ask the database for an unbounded series.
 *
 * @param bucket the bucket size
 * @param from the start of the first bucket (UTC midnight, a Monday for weeks)
 * @param to the end of the range (exclusive)
 */
public record TrendRange(Bucket bucket, Instant from, Instant to) {

	/** The longest range any history or trend request may span. */
	public static final Duration MAX_SPAN = Duration.ofDays(731);

	/** The most buckets one trend answers. */
	public static final int MAX_BUCKETS = 800;

	/** The range when the caller names no {@code from}. */
	public static final Duration DEFAULT_SPAN = Duration.ofDays(30);

	/**
	 * Validates a trend request.
	 * @param bucket {@code day} or {@code week} (any case); {@code day} when absent
	 * @param from start; {@code to} minus 30 days when absent
	 * @param to end; now when absent
	 * @param now the current time
	 * @return the range, its start aligned to its bucket
	 * @throws ApiException 400 for an unknown bucket or a range that is empty, reversed
	 * or too long
	 */
	public static TrendRange of(@Nullable String bucket, @Nullable Instant from, @Nullable Instant to, Instant now) {
		Bucket size = Bucket.parse(bucket);
		if (size == Bucket.SCAN) {
			throw ApiException.badRequest("'bucket' must be 'day' or 'week'");
		}
		return aligned(size, from, to, now);
	}

	/**
	 * Validates a trend request whose points may also be single scans
	 * ({@code bucket=scan}: every scan of the range is a point, the last
	 * {@link #MAX_BUCKETS} of each series at most, with no gaps between them).
	 * @param bucket {@code day}, {@code week} or {@code scan} (any case); {@code day}
	 * when absent
	 * @param from start; {@code to} minus 30 days when absent
	 * @param to end; now when absent
	 * @param now the current time
	 * @return the range
	 */
	public static TrendRange ofScansOrBuckets(@Nullable String bucket, @Nullable Instant from, @Nullable Instant to,
			Instant now) {
		return aligned(Bucket.parse(bucket), from, to, now);
	}

	private static TrendRange aligned(Bucket size, @Nullable Instant from, @Nullable Instant to, Instant now) {
		Instant[] span = span(from, to, now);
		Instant start = size.start(span[0]);
		if (size.count(start, span[1]) > MAX_BUCKETS) {
			throw ApiException.badRequest("The range spans more than " + MAX_BUCKETS + " buckets");
		}
		return new TrendRange(size, start, span[1]);
	}

	/**
	 * Validates a plain range ({@code from}, {@code to}) with the same defaults and
	 * limits.
	 * @param from start; {@code to} minus 30 days when absent
	 * @param to end; now when absent
	 * @param now the current time
	 * @return {@code [from, to]}
	 */
	public static Instant[] span(@Nullable Instant from, @Nullable Instant to, Instant now) {
		Instant end = (to != null) ? to : now;
		Instant start = (from != null) ? from : end.minus(DEFAULT_SPAN);
		if (!start.isBefore(end)) {
			throw ApiException.badRequest("'from' must be before 'to'");
		}
		if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
			throw ApiException.badRequest("The range may span at most " + MAX_SPAN.toDays() + " days");
		}
		return new Instant[] { start, end };
	}

	/**
	 * The start of every bucket of the range, oldest first.
	 * @return bucket starts
	 */
	public List<Instant> bucketStarts() {
		List<Instant> starts = new ArrayList<>();
		if (this.bucket == Bucket.SCAN) {
			return starts;
		}
		for (Instant at = this.from; at.isBefore(this.to); at = this.bucket.next(at)) {
			starts.add(at);
		}
		return starts;
	}

	/**
	 * Bucket sizes.
	 */
	public enum Bucket {

		/** UTC days. */
		DAY,

		/** ISO weeks (Monday to Sunday, UTC). */
		WEEK,

		/** No bucketing: one point per scan, where an endpoint allows it. */
		SCAN;

		static Bucket parse(@Nullable String value) {
			if (value == null || value.isBlank()) {
				return DAY;
			}
			try {
				return valueOf(value.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.badRequest("'bucket' must be 'day', 'week' or (for the posture trend) 'scan'");
			}
		}

		/**
		 * The start of the bucket holding an instant.
		 * @param at an instant
		 * @return its bucket's start
		 */
		public Instant start(Instant at) {
			if (this == SCAN) {
				return at;
			}
			LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
			if (this == WEEK) {
				day = day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
			}
			return day.atStartOfDay(ZoneOffset.UTC).toInstant();
		}

		Instant next(Instant start) {
			return start.plus((this == WEEK) ? 7 : 1, ChronoUnit.DAYS);
		}

		long count(Instant start, Instant end) {
			if (this == SCAN) {
				return 0;
			}
			long days = Duration.between(start, end).toDays() + 1;
			return (this == WEEK) ? (days + 6) / 7 : days;
		}

		/**
		 * The PostgreSQL {@code date_trunc} field of this bucket.
		 * @return {@code day} or {@code week}
		 */
		public String sqlField() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
