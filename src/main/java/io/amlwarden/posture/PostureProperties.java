package io.amlwarden.posture;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.amlwarden.azure.ArmId;
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
 * Configuration of the posture module ({@code warden.posture.*}).
 *
 * @param defaultProfile the profile evaluated when a scan names none and its subscription
 * has no entry in {@code subscriptionProfiles}
 * @param subscriptionProfiles profile per subscription id (any case), e.g.
 * {@code warden.posture.subscription-profiles[00000000-0000-0000-0000-000000000001]=regulated}
 * @param keys thresholds of the key-lifetime checks
 * @param scans when scans run
 */
@Validated
@ConfigurationProperties("warden.posture")
public record PostureProperties(@DefaultValue("BASELINE") Profile defaultProfile,
		@Nullable Map<String, Profile> subscriptionProfiles, @DefaultValue Keys keys,
		@DefaultValue @Valid Scans scans) {

	public PostureProperties {
		Map<String, Profile> normalized = new HashMap<>();
		if (subscriptionProfiles != null) {
			subscriptionProfiles.forEach((id, profile) -> normalized.put(id.toLowerCase(Locale.ROOT), profile));
		}
		subscriptionProfiles = Map.copyOf(normalized);
	}

	/**
	 * Defaults: BASELINE everywhere, default key thresholds.
	 * @return the default configuration
	 */
	public static PostureProperties defaults() {
		return new PostureProperties(Profile.BASELINE, Map.of(), Keys.defaults(), Scans.defaults());
	}

	/**
	 * The profile configured for a subscription.
	 * @param subscriptionId a subscription id in any case
	 * @return its profile, or the default profile
	 */
	public Profile profileFor(@Nullable String subscriptionId) {
		if (subscriptionId == null) {
			return this.defaultProfile;
		}
		return this.subscriptionProfiles.getOrDefault(subscriptionId.toLowerCase(Locale.ROOT), this.defaultProfile);
	}

	/**
	 * Thresholds of the key checks.
	 *
	 * @param rotationPeriod how old the current version of a key without automatic
	 * rotation may get before {@code kv-key-rotation-overdue} fails, and the longest
	 * rotation interval {@code kv-key-rotation-policy} accepts
	 * @param rotationGrace slack after a scheduled automatic rotation before it counts as
	 * overdue (Key Vault rotates asynchronously)
	 * @param maxValidity the longest lifetime ({@code expires - created}) a key version
	 * may have
	 * @param minimumRsaKeySize the smallest RSA modulus accepted, in bits
	 * @param expiresSoon how close to its expiry a key's current version may get before
	 * {@code kv-key-expires-soon} fails
	 */
	public record Keys(@DefaultValue("365d") Duration rotationPeriod, @DefaultValue("1d") Duration rotationGrace,
			@DefaultValue("730d") Duration maxValidity, @DefaultValue("2048") int minimumRsaKeySize,
			@DefaultValue("30d") Duration expiresSoon) {

		public static Keys defaults() {
			return new Keys(Duration.ofDays(365), Duration.ofDays(1), Duration.ofDays(730), 2048, Duration.ofDays(30));
		}

	}

	/**
	 * When scans run ({@code warden.posture.scans.*}).
	 *
	 * @param schedules scheduled scans
	 * @param staleAfter a running scan without a heartbeat for this long is failed (its
	 * replica died)
	 */
	public record Scans(@DefaultValue @Valid List<Schedule> schedules, @DefaultValue("5m") Duration staleAfter) {

		public static Scans defaults() {
			return new Scans(List.of(), Duration.ofMinutes(5));
		}

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
		public record Schedule(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String name, @NotBlank String cron,
				@DefaultValue List<@Pattern(regexp = ArmId.SUBSCRIPTION_ID,
						message = "must be a subscription id (GUID)") String> subscriptions,
				@Nullable Profile profile, @DefaultValue("false") boolean runOnStartup) {

			@AssertTrue(message = "must be a valid cron expression (second minute hour day month weekday)")
			boolean isCronValid() {
				return this.cron == null || CronExpression.isValidExpression(this.cron);
			}

		}

	}

}
