package io.amlwarden.scans;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.posture.PostureProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Thin scheduled triggers over the scan services. Schedules fire under a cluster-wide
 * lock and remember their last firing in the database, so each tick queues its scan once
 * however many replicas run; queued scans are claimed row by row, so replicas share the
 * scans themselves.
 */
@Component
class ScanScheduler {

	private static final Logger log = LoggerFactory.getLogger(ScanScheduler.class);

	private final ScanService service;

	private final ScanRunner runner;

	private final ScanStore scans;

	/** How long a dead replica can keep the schedule and reaper ticks from running. */
	static final String TICK_LOCK = "PT20S";

	private final PostureProperties properties;

	private final InventoryCollector collector;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ScanScheduler(ScanService service, ScanRunner runner, ScanStore scans, PostureProperties properties,
			InventoryCollector collector, JdbcTemplate jdbc, Clock clock) {
		this.service = service;
		this.runner = runner;
		this.scans = scans;
		this.properties = properties;
		this.collector = collector;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${warden.posture.scans.poll-interval:10s}")
	void runQueued() {
		this.runner.runQueued();
	}

	// Both ticks below are a few statements long. A replica that dies while holding
	// their lock leaves it held until lockAtMostFor runs out, during which no replica
	// fires schedules or reaps abandoned scans, so the lock is kept short.
	@Scheduled(fixedDelayString = "${warden.posture.scans.schedule-interval:30s}", initialDelay = 5_000)
	@SchedulerLock(name = "scan-schedules", lockAtMostFor = ScanScheduler.TICK_LOCK)
	void fireSchedules() {
		fireDue();
	}

	@Scheduled(fixedDelayString = "${warden.posture.scans.reap-interval:60s}")
	@SchedulerLock(name = "scan-reaper", lockAtMostFor = ScanScheduler.TICK_LOCK)
	void reapAbandoned() {
		List<UUID> abandoned = this.scans.abandon(this.properties.scans().staleAfter(), this.clock.instant());
		if (!abandoned.isEmpty()) {
			log.warn("Marked {} scans failed whose replica stopped: {}", abandoned.size(), abandoned);
		}
	}

	/**
	 * Queues the scan of every schedule whose cron has come round since it last fired,
	 * and retries once a scheduled scan that was abandoned.
	 * @return scans queued
	 */
	@Transactional
	int fireDue() {
		Instant now = this.clock.instant();
		int queued = 0;
		for (PostureProperties.Scans.Schedule schedule : this.properties.scans().schedules()) {
			List<ScheduleState> states = this.jdbc.query(
					"SELECT last_fired_at, last_scan_id, retried FROM scan_schedule WHERE name = ? FOR UPDATE",
					(rs, n) -> new ScheduleState(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class),
							rs.getBoolean(3)),
					schedule.name());
			if (states.isEmpty()) {
				// First sight of a schedule: fire now only if asked to, else wait for its
				// next tick.
				Instant anchor = schedule.runOnStartup() ? Instant.EPOCH : now;
				this.jdbc.update("INSERT INTO scan_schedule (name, last_fired_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
						schedule.name(), Timestamp.from(anchor));
				states = List.of(new ScheduleState(anchor, null, false));
			}
			ScheduleState state = states.get(0);
			CronExpression cron = CronExpression.parse(schedule.cron());
			var next = cron.next(state.lastFiredAt().atZone(ZoneOffset.UTC));
			boolean due = state.lastFiredAt().equals(Instant.EPOCH) || (next != null && !next.toInstant().isAfter(now));
			if (due) {
				UUID id = queue(schedule, "SCHEDULE");
				this.jdbc.update("UPDATE scan_schedule SET last_fired_at = ?, last_scan_id = ?, retried = false "
						+ "WHERE name = ?", Timestamp.from(now), id, schedule.name());
				queued += (id != null) ? 1 : 0;
			}
			else if (state.lastScanId() != null && !state.retried() && abandoned(state.lastScanId())) {
				UUID id = queue(schedule, "RETRY");
				if (id != null) {
					this.jdbc.update("UPDATE scan_schedule SET last_scan_id = ?, retried = true WHERE name = ?", id,
							schedule.name());
					queued++;
				}
			}
		}
		return queued;
	}

	private UUID queue(PostureProperties.Scans.Schedule schedule, String trigger) {
		List<String> subscriptions = schedule.subscriptions().isEmpty() ? this.collector.defaultSubscriptions()
				: schedule.subscriptions();
		if (subscriptions.isEmpty()) {
			log.warn("Schedule {} has no subscriptions (set warden.azure.subscriptions); nothing queued",
					schedule.name());
			return null;
		}
		try {
			return this.service.enqueue(new ScanScope(subscriptions, List.of(), List.of()),
					(schedule.profile() != null) ? schedule.profile().name() : "CONFIGURED", trigger, schedule.name(),
					"schedule:" + schedule.name());
		}
		catch (ApiException busy) {
			log.info("Schedule {} skipped a tick: its scope is still being scanned", schedule.name());
			return null;
		}
	}

	private boolean abandoned(UUID scanId) {
		return this.scans.get(scanId)
			.map((scan) -> scan.state() == ScanState.FAILED && scan.error() != null
					&& scan.error().startsWith("abandoned"))
			.orElse(false);
	}

	private record ScheduleState(Instant lastFiredAt, UUID lastScanId, boolean retried) {
	}

}
