package io.amlwarden.scans;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Prunes posture history past {@code warden.posture.history-retention}, on one replica at
 * a time.
 */
@Component
@ConditionalOnProperty(name = "warden.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class HistoryRetentionJob {

	private static final Logger log = LoggerFactory.getLogger(HistoryRetentionJob.class);

	private final PostureHistory history;

	private final HistoryProperties properties;

	private final Clock clock;

	HistoryRetentionJob(PostureHistory history, HistoryProperties properties, Clock clock) {
		this.history = history;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${warden.posture.history-prune-interval:PT6H}", initialDelay = 60_000)
	@SchedulerLock(name = "posture-history-retention", lockAtMostFor = "PT1H")
	void prune() {
		int deleted = this.history.prune(this.clock.instant().minus(this.properties.historyRetention()));
		if (deleted > 0) {
			log.info("Pruned {} posture history rows older than {}", deleted, this.properties.historyRetention());
		}
	}

}
