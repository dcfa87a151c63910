package io.amlwarden.rotation;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Thin triggers over the idempotent rotation services. Planning due policies and the key
 * watch run on one replica per tick (ShedLock). Working rotations deliberately takes no
 * ShedLock: every replica claims its own rotations with {@code FOR UPDATE SKIP LOCKED}
 * and leases, so the work spreads across replicas and a dead replica's rotations resume
 * elsewhere. The first ticks wait ({@code *-initial-delay}) so a starting replica is
 * ready (pool warm, inventory reachable) before it plans or claims; the placeholders'
 * defaults repeat {@link RotationProperties}' so the annotations need no SpEL.
 */
@Component
@ConditionalOnProperty(name = "warden.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class RotationJobs {

	private final DueRotationService dueRotations;

	private final RotationRunService runs;

	private final KeyWatchService keyWatch;

	private final RotationProperties properties;

	RotationJobs(DueRotationService dueRotations, RotationRunService runs, KeyWatchService keyWatch,
			RotationProperties properties) {
		this.dueRotations = dueRotations;
		this.runs = runs;
		this.keyWatch = keyWatch;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${warden.rotation.plan-interval:PT1M}",
			initialDelayString = "${warden.rotation.plan-initial-delay:PT30S}")
	@SchedulerLock(name = "rotation-plan-due", lockAtMostFor = "PT10M")
	void planDue() {
		this.dueRotations.planDue(this.properties.batchSize() * 10);
	}

	@Scheduled(fixedDelayString = "${warden.rotation.work-interval:PT10S}",
			initialDelayString = "${warden.rotation.work-initial-delay:PT20S}")
	void work() {
		this.runs.drain();
	}

	@Scheduled(fixedDelayString = "${warden.rotation.watch-interval:PT1H}",
			initialDelayString = "${warden.rotation.watch-initial-delay:PT2M}")
	@SchedulerLock(name = "rotation-key-watch", lockAtMostFor = "PT30M")
	void watchKeys() {
		this.keyWatch.scan();
	}

}
