package io.amlwarden.reliability.replicas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.amlwarden.simulator.DemoTenant;
import io.amlwarden.support.SimulatedAzure;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica is shut down abruptly while it runs a scheduled scan: a surviving replica's
 * reaper fails the scan as abandoned once its heartbeat is stale, the schedule retries it
 * exactly once on the survivor, and the failed scan recorded nothing (no finding opened,
 * resolved or counted by it).
 */
class ScanCrashTests {

	@Test
	void survivorReapsTheAbandonedScanAndRetriesItOnce() throws Exception {
		String database = Replicas.freshDatabase("crash");
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("warden.posture.scans.poll-interval", "500ms");
		properties.put("warden.posture.scans.schedule-interval", "1s");
		properties.put("warden.posture.scans.reap-interval", "1s");
		// Short, so that the survivor notices the crash quickly; live scans keep beating
		// three times per stale-after, however slow the shared machine makes them.
		properties.put("warden.posture.scans.stale-after", "6s");
		properties.put("warden.posture.scans.schedules[0].name", "crash");
		// Once a year, and once at first sight; the test makes it due again by hand.
		properties.put("warden.posture.scans.schedules[0].cron", "0 0 0 1 1 *");
		properties.put("warden.posture.scans.schedules[0].run-on-startup", "true");
		properties.put("warden.posture.scans.schedules[0].subscriptions", String.join(",", DemoTenant.SUBSCRIPTIONS));
		List<ConfigurableApplicationContext> replicas = new ArrayList<>();
		Map<String, Object> figures = new LinkedHashMap<>();
		try {
			replicas.add(Replicas.start(database, properties));
			replicas.add(Replicas.start(database, properties));

			// A first scheduled scan completes normally and opens the findings.
			Replicas.await("the first scheduled scan", 90_000,
					() -> Replicas.count(database, "SELECT count(*) FROM scan WHERE state = 'SUCCEEDED'") == 1);
			assertThat(Replicas.count(database, "SELECT count(*) FROM scan")).as("scans before the crash").isOne();
			long findings = Replicas.count(database, "SELECT count(*) FROM finding WHERE state = 'OPEN'");
			assertThat(findings).as("findings of the first scan").isPositive();

			// The next tick's scan runs slowly; its replica is shut down mid-run.
			SimulatedAzure.shared().latency(300);
			Replicas.execute(database, "UPDATE scan_schedule SET last_fired_at = '2000-01-01T00:00:00Z'");
			Replicas.await("the second scheduled scan to run", 30_000, () -> Replicas.count(database,
					"SELECT count(*) FROM scan WHERE trigger = 'SCHEDULE' AND state = 'RUNNING'") == 1);
			Map<String, Object> crashed = Replicas
				.rows(database, "SELECT id, owner FROM scan WHERE trigger = 'SCHEDULE' AND state = 'RUNNING'")
				.get(0);
			ConfigurableApplicationContext victim = replicas.stream()
				.filter((replica) -> Replicas.scanOwner(replica).equals(crashed.get("owner")))
				.findFirst()
				.orElseThrow();
			ConfigurableApplicationContext survivor = replicas.stream()
				.filter((replica) -> replica != victim)
				.findFirst()
				.orElseThrow();
			Thread.sleep(1_000);
			// A graceful context.close() lets the running scan finish (the scheduler
			// waits for its task), so the crash is simulated the way the database sees
			// one: the replica's connection pool goes away at once (no heartbeat, no
			// result, no failure mark can be written any more), then the rest of it
			// stops.
			long closing = System.nanoTime();
			Replicas.crash(victim);
			replicas.remove(victim);
			SimulatedAzure.shared().latency(0);
			figures.put("crashMs", (System.nanoTime() - closing) / 1_000_000);

			long reaping = System.nanoTime();
			Replicas.await("the crashed scan to be failed", 60_000, () -> Replicas.count(database,
					"SELECT count(*) FROM scan WHERE id = '" + crashed.get("id") + "' AND state <> 'RUNNING'") == 1);
			figures.put("failedAfterMs", (System.nanoTime() - reaping) / 1_000_000);
			Map<String, Object> failed = Replicas
				.rows(database,
						"SELECT state, error, findings_resolved FROM scan WHERE id = '" + crashed.get("id") + "'")
				.get(0);
			assertThat(failed.get("state")).as("state of the crashed scan (%s)", failed).isEqualTo("FAILED");
			assertThat((String) failed.get("error")).as("error of the crashed scan").startsWith("abandoned");

			Replicas.await("the retry to succeed", 60_000, () -> Replicas.count(database,
					"SELECT count(*) FROM scan WHERE trigger = 'RETRY' AND state = 'SUCCEEDED'") == 1);
			figures.put("retriedAfterMs", (System.nanoTime() - reaping) / 1_000_000);
			Thread.sleep(3_000);
			assertThat(Replicas.count(database, "SELECT count(*) FROM scan WHERE trigger = 'RETRY'")).as("retries")
				.isOne();
			assertThat(Replicas.rows(database, "SELECT owner FROM scan WHERE trigger = 'RETRY'").get(0).get("owner"))
				.as("the retry ran on the survivor")
				.isEqualTo(Replicas.scanOwner(survivor));
			assertThat(Replicas.count(database, "SELECT count(*) FROM scan WHERE trigger = 'SCHEDULE'"))
				.as("scheduled scans")
				.isEqualTo(2);

			// The failed scan recorded nothing; the findings are those of the two scans
			// that succeeded.
			assertThat(Replicas.count(database,
					"SELECT count(*) FROM finding_event WHERE scan_id = '" + crashed.get("id") + "'"))
				.as("finding events of the crashed scan")
				.isZero();
			assertThat(
					Replicas.count(database,
							"SELECT count(*) FROM finding WHERE state = 'RESOLVED' OR last_scan_id = '"
									+ crashed.get("id") + "'"))
				.as("findings resolved or touched by the crashed scan")
				.isZero();
			assertThat(Replicas.rows(database, "SELECT DISTINCT occurrences FROM finding"))
				.as("occurrences = the two scans that succeeded")
				.containsExactly(Map.of("occurrences", 2));
			assertThat(Replicas.count(database, "SELECT count(*) FROM finding")).as("findings").isEqualTo(findings);
			figures.put("findings", findings);
			figures.put("staleAfterS", 6);
		}
		finally {
			SimulatedAzure.shared().latency(0);
			Replicas.closeAll(replicas);
		}
		Replicas.record("scan-crash", figures);
		System.out.println("scan-crash " + figures);
	}

}
