package io.amlwarden.posture;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the posture module ({@code warden.posture.*}).
 *
 * @param defaultProfile the profile evaluated when a scan names none and its subscription
 * has no entry in {@code subscriptionProfiles}
 * @param subscriptionProfiles profile per subscription id (any case), e.g.
 * {@code warden.posture.subscription-profiles[00000000-0000-0000-0000-000000000001]=regulated}
 * @param keys thresholds of the key-lifetime checks
 */
@ConfigurationProperties("warden.posture")
public record PostureProperties(@DefaultValue("BASELINE") Profile defaultProfile,
		@Nullable Map<String, Profile> subscriptionProfiles, @DefaultValue Keys keys) {

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
		return new PostureProperties(Profile.BASELINE, Map.of(), Keys.defaults());
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
	 */
	public record Keys(@DefaultValue("365d") Duration rotationPeriod, @DefaultValue("1d") Duration rotationGrace,
			@DefaultValue("730d") Duration maxValidity, @DefaultValue("2048") int minimumRsaKeySize) {

		public static Keys defaults() {
			return new Keys(Duration.ofDays(365), Duration.ofDays(1), Duration.ofDays(730), 2048);
		}

	}

}
