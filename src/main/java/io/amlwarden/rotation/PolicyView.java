package io.amlwarden.rotation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A rotation policy as the API shows it, with its next due time and how that was
 * computed.
 *
 * @param id policy id
 * @param name label
 * @param target what it rotates
 * @param rotationPeriod ISO-8601 period
 * @param expiry lifetime of new versions
 * @param window allowed window, if any
 * @param maxJitter spread without a window
 * @param notifyBefore near-expiry thresholds
 * @param approvalRequired whether each rotation needs an Admin's approval
 * @param nativeRotation whether Key Vault's own policy rotates and AML Warden only
 * propagates
 * @param enabled whether the scheduler acts on it
 * @param anchorAt when the current version was created; the period counts from here
 * @param nextDueAt when the next rotation is due ({@code null} when disabled or native)
 * @param nextDueReason why then
 * @param createdBy who created it
 * @param createdAt when
 * @param updatedAt last change
 * @param version optimistic-lock version
 */
record PolicyView(UUID id, String name, Target target, String rotationPeriod, @Nullable String expiry,
		@Nullable WindowView window, String maxJitter, List<String> notifyBefore, boolean approvalRequired,
		boolean nativeRotation, boolean enabled, Instant anchorAt, @Nullable Instant nextDueAt,
		@Nullable String nextDueReason, String createdBy, Instant createdAt, Instant updatedAt, long version) {

	static PolicyView of(Policy p) {
		WindowView window = (p.windowStartHour() != null || !p.days().isEmpty()) ? new WindowView(List.copyOf(p.days()),
				p.windowStartHour(), p.windowEndHour(), p.schedule().describeWindow()) : null;
		return new PolicyView(p.id(), p.name(),
				new Target(p.targetKind(), p.vaultId(), p.vaultUrl(), p.keyName(), p.keyId(), p.workspaceId()),
				p.rotationPeriod(), p.expiry(), window, p.maxJitter(), List.of(p.notifyBefore().split(",")),
				p.approvalRequired(), p.nativeRotation(), p.enabled(), p.anchorAt(), p.nextDueAt(), p.nextDueReason(),
				p.createdBy(), p.createdAt(), p.updatedAt(), p.version());
	}

	/**
	 * The key a policy rotates.
	 *
	 * @param kind KEY, or WORKSPACE when it follows a workspace's CMK
	 * @param vaultId vault ARM id
	 * @param vaultUrl vault data-plane URL
	 * @param keyName key name
	 * @param keyId lower-cased ARM id of the key
	 * @param workspaceId the followed workspace
	 */
	record Target(Policy.TargetKind kind, String vaultId, String vaultUrl, String keyName, String keyId,
			@Nullable String workspaceId) {
	}

	/**
	 * The allowed window.
	 *
	 * @param days days of the week (all when empty)
	 * @param startHour UTC opening hour
	 * @param endHour UTC closing hour
	 * @param description human-readable
	 */
	record WindowView(List<DayOfWeek> days, @Nullable Integer startHour, @Nullable Integer endHour,
			String description) {
	}

}
