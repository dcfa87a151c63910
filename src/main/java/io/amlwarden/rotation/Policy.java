package io.amlwarden.rotation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A stored rotation policy (table {@code rotation_policy}).
 */
record Policy(UUID id, String name, TargetKind targetKind, @Nullable String workspaceId, String vaultId,
		String vaultUrl, String keyName, String keyId, String rotationPeriod, @Nullable String expiry,
		@Nullable String windowDays, @Nullable Integer windowStartHour, @Nullable Integer windowEndHour,
		String maxJitter, String notifyBefore, boolean approvalRequired, boolean nativeRotation, boolean enabled,
		Instant anchorAt, @Nullable Instant nextDueAt, @Nullable String nextDueReason, @Nullable Instant deferredUntil,
		String createdBy, Instant createdAt, Instant updatedAt, long version) {

	enum TargetKind {

		KEY, WORKSPACE

	}

	RotationSchedule schedule() {
		return new RotationSchedule(IsoDurations.parse("rotationPeriod", this.rotationPeriod),
				(this.expiry != null) ? IsoDurations.parse("expiry", this.expiry) : null, days(), this.windowStartHour,
				this.windowEndHour, IsoDurations.parseOrZero("maxJitter", this.maxJitter));
	}

	Set<DayOfWeek> days() {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		if (this.windowDays != null && !this.windowDays.isBlank()) {
			for (String day : this.windowDays.split(",")) {
				days.add(DayOfWeek.valueOf(day.trim()));
			}
		}
		return days;
	}

	List<Duration> thresholds() {
		List<Duration> thresholds = new ArrayList<>();
		for (String value : this.notifyBefore.split(",")) {
			if (!value.isBlank()) {
				thresholds.add(IsoDurations.parse("notifyBefore", value));
			}
		}
		return thresholds;
	}

	static String keyId(String vaultId, String keyName) {
		return io.amlwarden.inventory.ArmIds.key(vaultId) + "/keys/" + keyName.toLowerCase(java.util.Locale.ROOT);
	}

}
