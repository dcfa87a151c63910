package io.amlwarden.scans;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica that dies while it holds the schedule or reaper lock keeps every other
 * replica from firing schedules and reaping abandoned scans until the lock's
 * lockAtMostFor runs out. With five minutes there, a crash during a reaper tick left a
 * scan RUNNING for five minutes (ScanCrashTests timed out in CI); the ticks are short
 * database work, so their locks must be too.
 */
class ScanSchedulerLockTests {

	@Test
	void aDeadReplicaHoldsTheScheduleAndReaperLocksForSecondsNotMinutes() throws Exception {
		for (String tick : new String[] { "fireSchedules", "reapAbandoned" }) {
			SchedulerLock lock = ScanScheduler.class.getDeclaredMethod(tick).getAnnotation(SchedulerLock.class);
			assertThat(lock).as("%s runs under a ShedLock", tick).isNotNull();
			assertThat(Duration.parse(lock.lockAtMostFor())).as("lockAtMostFor of %s", tick)
				.isLessThanOrEqualTo(Duration.ofSeconds(30));
		}
	}

}
