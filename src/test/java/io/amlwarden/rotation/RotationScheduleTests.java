package io.amlwarden.rotation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

import io.amlwarden.api.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Due times: period from the anchor, windows, and jitter that is deterministic per key
 * and stays inside the window; strict ISO-8601 durations.
 */
class RotationScheduleTests {

	private static final Instant ANCHOR = Instant.parse("2026-01-05T10:15:00Z");

	@Test
	void withoutAWindowTheDueTimeIsThePeriodPlusAStableJitter() {
		RotationSchedule schedule = new RotationSchedule(Duration.ofDays(90), null, Set.of(), null, null,
				Duration.ofHours(1));

		RotationSchedule.Due due = schedule.nextDue("/subscriptions/s/keys/a", ANCHOR, null);

		Instant base = ANCHOR.plus(Duration.ofDays(90));
		assertThat(due.at()).isBetween(base, base.plus(Duration.ofHours(1)));
		assertThat(schedule.nextDue("/SUBSCRIPTIONS/s/keys/A", ANCHOR, null).at()).as("ids compare lower-cased")
			.isEqualTo(due.at());
		assertThat(due.reason()).contains("P90D").contains("jitter");
	}

	@Test
	void jitterSpreadsKeysWithTheSamePeriod() {
		RotationSchedule schedule = new RotationSchedule(Duration.ofDays(30), null, Set.of(), null, null,
				Duration.ofHours(1));
		long distinct = java.util.stream.IntStream.range(0, 100)
			.mapToObj((i) -> schedule.nextDue("key-" + i, ANCHOR, null).at())
			.distinct()
			.count();
		assertThat(distinct).isGreaterThan(90);
	}

	@Test
	void aDueTimeOutsideTheWindowMovesIntoTheNextWindowWithJitterInsideIt() {
		// Tuesdays and Thursdays, 02:00-04:00 UTC
		RotationSchedule schedule = new RotationSchedule(Duration.ofDays(7), null,
				EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), 2, 4, Duration.ZERO);

		for (int i = 0; i < 50; i++) {
			RotationSchedule.Due due = schedule.nextDue("key-" + i, ANCHOR, null);
			var at = due.at().atZone(ZoneOffset.UTC);
			assertThat(at.getDayOfWeek()).isIn(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY);
			assertThat(at.getHour()).isBetween(2, 3);
			assertThat(due.at()).isAfterOrEqualTo(ANCHOR.plus(Duration.ofDays(7)));
			assertThat(schedule.inWindow(due.at())).isTrue();
		}
		// anchor + 7 d = Monday 2026-01-12 10:15; the next window opens Tuesday 02:00
		assertThat(schedule.nextDue("k", ANCHOR, null).windowStart()).isEqualTo(Instant.parse("2026-01-13T02:00:00Z"));
	}

	@Test
	void aWindowThatWrapsPastMidnightBelongsToTheDayItOpens() {
		RotationSchedule schedule = new RotationSchedule(Duration.ofDays(7), null, EnumSet.of(DayOfWeek.FRIDAY), 22, 2,
				Duration.ZERO);
		assertThat(schedule.inWindow(Instant.parse("2026-01-09T23:00:00Z"))).isTrue();
		assertThat(schedule.inWindow(Instant.parse("2026-01-10T01:00:00Z"))).isTrue();
		assertThat(schedule.inWindow(Instant.parse("2026-01-10T03:00:00Z"))).isFalse();
		assertThat(schedule.inWindow(Instant.parse("2026-01-08T23:00:00Z"))).isFalse();
	}

	@Test
	void aDeferralPushesTheDueTime() {
		RotationSchedule schedule = new RotationSchedule(Duration.ofDays(7), null, Set.of(), null, null, Duration.ZERO);
		Instant later = ANCHOR.plus(Duration.ofDays(20));
		assertThat(schedule.nextDue("k", ANCHOR, later).at()).isEqualTo(later);
	}

	@Test
	void durationsAreStrictIso8601InExactUnits() {
		assertThat(IsoDurations.parse("f", "P90D")).isEqualTo(Duration.ofDays(90));
		assertThat(IsoDurations.parse("f", "P2W")).isEqualTo(Duration.ofDays(14));
		assertThat(IsoDurations.parse("f", "PT90M")).isEqualTo(Duration.ofMinutes(90));
		assertThat(IsoDurations.parse("f", "P1DT12H")).isEqualTo(Duration.ofHours(36));
		assertThat(IsoDurations.format(Duration.ofDays(90))).isEqualTo("P90D");
		assertProblem("P3M", "ambiguous-duration");
		assertProblem("P1Y", "ambiguous-duration");
		assertProblem("90d", "invalid-duration");
		assertProblem("P", "invalid-duration");
		assertProblem("PT", "invalid-duration");
		assertProblem("P0D", "invalid-duration");
		assertProblem("-P1D", "invalid-duration");
		assertProblem("P1.5D", "invalid-duration");
	}

	private static void assertProblem(String value, String code) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> IsoDurations.parse("rotationPeriod", value))
			.satisfies((ex) -> assertThat(ex.properties().get("errors").toString()).contains(code));
	}

}
