package io.amlwarden.rotation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * When a key is due: its period counted from the anchor (the creation of the current
 * version), moved into the next allowed window and spread by a jitter derived from the
 * key id, so that many keys with the same period do not rotate in the same second and a
 * key always lands on the same offset. Out-of-window due dates wait for the window; they
 * are never skipped.
 *
 * @param period time between rotations
 * @param expiry lifetime given to new versions, if any
 * @param days the days (UTC) on which a window opens; empty means every day
 * @param startHour UTC hour the window opens, or {@code null} for no window
 * @param endHour UTC hour the window closes (exclusive, may be 24; smaller than
 * {@code startHour} wraps past midnight)
 * @param maxJitter spread without a window
 */
record RotationSchedule(Duration period, @Nullable Duration expiry, Set<DayOfWeek> days, @Nullable Integer startHour,
		@Nullable Integer endHour, Duration maxJitter) {

	static final Duration AZURE_MIN_AFTER_CREATE = Duration.ofDays(7);

	static final Duration AZURE_MIN_BEFORE_EXPIRY = Duration.ofDays(7);

	static final Duration AZURE_MIN_EXPIRY = Duration.ofDays(28);

	RotationSchedule {
		days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
	}

	boolean hasWindow() {
		return this.startHour != null || !this.days.isEmpty();
	}

	/**
	 * The next due time.
	 * @param keyId the key's comparison id, which seeds the jitter
	 * @param anchor when the current version was created
	 * @param notBefore an earlier deferral, if any
	 * @return when, and why
	 */
	Due nextDue(String keyId, Instant anchor, @Nullable Instant notBefore) {
		Instant base = anchor.plus(this.period);
		StringBuilder reason = new StringBuilder(
				"current version from " + anchor + " + period " + IsoDurations.format(this.period) + " = " + base);
		if (notBefore != null && notBefore.isAfter(base)) {
			base = notBefore;
			reason.append("; deferred until ").append(notBefore);
		}
		long seed = seed(keyId);
		if (!hasWindow()) {
			long spread = this.maxJitter.toSeconds();
			long jitter = (spread > 0) ? Math.floorMod(seed, spread + 1) : 0;
			Instant at = base.plusSeconds(jitter);
			reason.append("; jitter +").append(jitter).append("s of up to ").append(spread).append("s");
			return new Due(at, reason.toString(), base, base.plusSeconds(spread), jitter);
		}
		int start = (this.startHour != null) ? this.startHour : 0;
		int end = (this.endHour != null) ? this.endHour : 24;
		long length = Duration.ofHours(((end - start) + 24) % 24 == 0 ? 24 : ((end - start) + 24) % 24).toSeconds();
		LocalDate day = LocalDate.ofInstant(base, ZoneOffset.UTC).minusDays(1);
		for (int i = 0; i < 15; i++, day = day.plusDays(1)) {
			if (!this.days.isEmpty() && !this.days.contains(day.getDayOfWeek())) {
				continue;
			}
			Instant windowStart = day.atStartOfDay().plusHours(start).toInstant(ZoneOffset.UTC);
			Instant windowEnd = windowStart.plusSeconds(length);
			if (!windowEnd.isAfter(base)) {
				continue;
			}
			Instant from = windowStart.isBefore(base) ? base : windowStart;
			long room = Duration.between(from, windowEnd).toSeconds();
			long jitter = (room > 1) ? Math.floorMod(seed, room) : 0;
			Instant at = from.plusSeconds(jitter);
			reason.append("; window ")
				.append(describeWindow())
				.append(" opens ")
				.append(windowStart)
				.append("; jitter +")
				.append(jitter)
				.append("s");
			return new Due(at, reason.toString(), windowStart, windowEnd,
					Duration.between(windowStart, at).toSeconds());
		}
		// Validation rejects windows that never open, so this is unreachable in practice.
		return new Due(base, reason.append("; window never opens").toString(), base, base, 0);
	}

	/**
	 * Whether an instant falls inside an allowed window (always, without windows).
	 */
	boolean inWindow(Instant instant) {
		if (!hasWindow()) {
			return true;
		}
		int start = (this.startHour != null) ? this.startHour : 0;
		int end = (this.endHour != null) ? this.endHour : 24;
		int hour = instant.atZone(ZoneOffset.UTC).getHour();
		DayOfWeek today = instant.atZone(ZoneOffset.UTC).getDayOfWeek();
		if (start < end) {
			return hour >= start && hour < end && (this.days.isEmpty() || this.days.contains(today));
		}
		// wraps past midnight: the window belongs to the day it opened
		if (hour >= start) {
			return this.days.isEmpty() || this.days.contains(today);
		}
		return hour < end && (this.days.isEmpty() || this.days.contains(today.minus(1)));
	}

	String describeWindow() {
		String dayList = this.days.isEmpty() ? "daily"
				: this.days.stream().sorted().map((d) -> d.name().substring(0, 3)).collect(Collectors.joining(","));
		int start = (this.startHour != null) ? this.startHour : 0;
		int end = (this.endHour != null) ? this.endHour : 24;
		return dayList + String.format(Locale.ROOT, " %02d:00-%02d:00 UTC", start, end);
	}

	/**
	 * A stable, non-negative number per key, so the same key always gets the same jitter
	 * on every replica.
	 */
	static long seed(String keyId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(keyId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			long value = 0;
			for (int i = 0; i < 8; i++) {
				value = (value << 8) | (hash[i] & 0xff);
			}
			return value & Long.MAX_VALUE;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A computed due time.
	 *
	 * @param at when the rotation becomes due
	 * @param reason how it was computed
	 * @param windowStart the window (or jitter range) it falls in
	 * @param windowEnd its end
	 * @param jitterSeconds offset from the window start
	 */
	record Due(Instant at, String reason, Instant windowStart, Instant windowEnd, long jitterSeconds) {
	}

}
