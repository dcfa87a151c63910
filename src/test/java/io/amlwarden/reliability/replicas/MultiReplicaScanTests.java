package io.amlwarden.reliability.replicas;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.amlwarden.simulator.DemoTenant;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.support.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas on one database fire a five-second scan schedule for about 25 seconds:
 * every cron tick queues exactly one scan whichever replica holds the schedule lock,
 * scans of the scope never run at the same time, the replicas share the work, and the
 * findings ledger holds each finding once with one occurrence per scan that succeeded.
 */
class MultiReplicaScanTests {

	static final String CRON = "*/5 * * * * *";

	static final Duration RUN = Duration.ofSeconds(22);

	@Test
	void eachTickQueuesOneScanAndScansNeverOverlap() throws Exception {
		String database = Replicas.freshDatabase("replicas");
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("warden.posture.scans.poll-interval", "500ms");
		properties.put("warden.posture.scans.schedule-interval", "1s");
		properties.put("warden.posture.scans.reap-interval", "2s");
		properties.put("warden.posture.scans.schedules[0].name", "replicas");
		properties.put("warden.posture.scans.schedules[0].cron", CRON);
		properties.put("warden.posture.scans.schedules[0].subscriptions", String.join(",", DemoTenant.SUBSCRIPTIONS));
		List<ConfigurableApplicationContext> replicas = new ArrayList<>();
		Instant stoppedAt;
		Set<String> owners = new HashSet<>();
		long started = System.nanoTime();
		long startupMillis;
		try {
			for (int i = 0; i < 3; i++) {
				replicas.add(Replicas.start(database, properties));
			}
			replicas.forEach((replica) -> owners.add(Replicas.scanOwner(replica)));
			startupMillis = (System.nanoTime() - started) / 1_000_000;
			started = System.nanoTime();
			Thread.sleep(RUN.toMillis());
			stoppedAt = Instant.now();
		}
		finally {
			Replicas.closeAll(replicas);
		}
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

		List<Map<String, Object>> scans = Replicas.rows(database,
				"SELECT id, trigger, state, owner, created_at, started_at, finished_at, error FROM scan "
						+ "ORDER BY created_at");
		assertThat(scans).as("scans").isNotEmpty();
		assertThat(scans).as("every scan was queued by the schedule")
			.allSatisfy((scan) -> assertThat(scan.get("trigger")).isEqualTo("SCHEDULE"));

		// Each tick queued at most one scan: no two scans fall into the same cron period.
		Map<Instant, Integer> perTick = new LinkedHashMap<>();
		CronExpression cron = CronExpression.parse(CRON);
		for (Map<String, Object> scan : scans) {
			Instant created = (Instant) scan.get("created_at");
			Instant tick = Instant.ofEpochSecond(created.getEpochSecond() - created.getEpochSecond() % 5);
			perTick.merge(tick, 1, Integer::sum);
		}
		assertThat(perTick.values()).as("scans per cron tick %s", perTick).allMatch((n) -> n == 1);

		// ... and every tick from the first firing until the replicas stopped queued one,
		// except a tick that found the scope still being scanned (skipped by design).
		Instant first = perTick.keySet().iterator().next();
		int ticks = 0;
		int busy = 0;
		List<Instant> missed = new ArrayList<>();
		for (ZonedDateTime t = first.atZone(ZoneOffset.UTC); t.toInstant()
			.isBefore(stoppedAt.minusSeconds(2)); t = cron.next(t)) {
			ticks++;
			Instant tick = t.toInstant();
			if (perTick.containsKey(tick)) {
				continue;
			}
			boolean scopeBusy = scans.stream()
				.anyMatch((scan) -> !((Instant) scan.get("created_at")).isAfter(tick.plusSeconds(2))
						&& (scan.get("finished_at") == null || !((Instant) scan.get("finished_at")).isBefore(tick)));
			if (scopeBusy) {
				busy++;
			}
			else {
				missed.add(tick);
			}
		}
		assertThat(missed).as("ticks that queued no scan although the scope was idle").isEmpty();

		// No two scans of the scope ran at once.
		List<Map<String, Object>> ran = scans.stream().filter((scan) -> scan.get("started_at") != null).toList();
		Instant previousEnd = Instant.EPOCH;
		long longestMillis = 0;
		for (Map<String, Object> scan : ran) {
			Instant start = (Instant) scan.get("started_at");
			Instant end = (Instant) scan.get("finished_at");
			assertThat(start).as("scan %s started after the previous one finished", scan.get("id"))
				.isAfterOrEqualTo(previousEnd);
			if (end != null) {
				previousEnd = end;
				longestMillis = Math.max(longestMillis, Duration.between(start, end).toMillis());
			}
			else {
				previousEnd = Instant.MAX;
			}
		}

		// The replicas shared the scans.
		Set<Object> ranBy = new HashSet<>();
		ran.forEach((scan) -> ranBy.add(scan.get("owner")));
		assertThat(owners).as("owners known").containsAll(ranBy.stream().map(String::valueOf).toList());
		// Which replica claims a queued scan is a race, not a guarantee: on a loaded
		// machine one replica may win every claim, so only "some replica ran each scan"
		// is asserted.
		assertThat(ranBy).as("replicas that ran scans").isNotEmpty();

		// Findings: one row per fingerprint, one occurrence per succeeded scan.
		long succeeded = scans.stream().filter((scan) -> "SUCCEEDED".equals(scan.get("state"))).count();
		assertThat(succeeded).as("succeeded scans").isGreaterThanOrEqualTo(ran.size() - 1);
		assertThat(Replicas.count(database,
				"SELECT count(*) FROM (SELECT fingerprint FROM finding GROUP BY fingerprint HAVING count(*) > 1) d"))
			.as("duplicated fingerprints")
			.isZero();
		long findings = Replicas.count(database, "SELECT count(*) FROM finding");
		assertThat(findings).as("findings").isPositive();
		assertThat(Replicas.rows(database, "SELECT DISTINCT occurrences FROM finding"))
			.as("occurrences of every finding = scans that succeeded")
			.containsExactly(Map.of("occurrences", (int) succeeded));
		assertThat(Replicas.count(database, "SELECT count(*) FROM finding WHERE state = 'RESOLVED'"))
			.as("resolved findings")
			.isZero();

		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("replicas", 3);
		figures.put("cronTicks", ticks);
		figures.put("ticksSkippedScopeBusy", busy);
		figures.put("scans", scans.size());
		figures.put("succeeded", succeeded);
		figures.put("replicasThatRanScans", ranBy.size());
		figures.put("longestScanMs", longestMillis);
		figures.put("findings", findings);
		figures.put("observedMs", elapsedMillis);
		figures.put("startupMs", startupMillis);
		Replicas.record("multi-replica-scans", figures);
		System.out.println("multi-replica-scans " + figures);
	}

}
