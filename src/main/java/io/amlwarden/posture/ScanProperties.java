package io.amlwarden.posture;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * When scans run.
 *
 * @param schedules scheduled scans
 * @param staleAfter a running scan without a heartbeat for this long is failed (its
 * replica died)
 */
@Validated
@ConfigurationProperties("warden.posture.scans")
record ScanProperties(@DefaultValue @Valid List<Schedule> schedules, @DefaultValue("5m") Duration staleAfter) {

	/**
	 * One scheduled scan.
	 *
	 * @param name stable name (the schedule's identity across restarts)
	 * @param cron Spring cron expression in UTC, e.g. {@code 0 0 *&#47;6 * * *}
	 * @param subscriptions subscriptions to scan; empty means
	 * {@code warden.azure.subscriptions}
	 * @param profile profile; empty means each subscription's configured profile
	 * @param runOnStartup fire once as soon as the schedule is first seen
	 */
	record Schedule(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String name, @NotBlank String cron,
			@DefaultValue List<String> subscriptions, @Nullable Profile profile,
			@DefaultValue("false") boolean runOnStartup) {

		@AssertTrue(message = "must be a valid cron expression (second minute hour day month weekday)")
		boolean isCronValid() {
			return this.cron == null || CronExpression.isValidExpression(this.cron);
		}

	}

}
