package io.amlwarden.rotation;

import java.time.DayOfWeek;
import java.util.List;

import io.amlwarden.azure.ArmId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A rotation policy as a client writes it. Target either a key ({@code vaultId} +
 * {@code keyName}) or a workspace ({@code workspaceId}), whose customer-managed key is
 * then followed even if it changes.
 *
 * @param name a label
 * @param vaultId ARM id of the vault holding the key
 * @param keyName the key
 * @param workspaceId a workspace whose CMK to rotate instead of a named key
 * @param rotationPeriod ISO-8601 days or weeks, at least P7D
 * @param expiry lifetime of new versions (ISO-8601, at least P28D and the period + P7D)
 * @param window allowed window; none means any time
 * @param maxJitter spread of due times without a window (default PT1H)
 * @param notifyBefore near-expiry notice thresholds (default P30D, P14D, P7D, P1D)
 * @param approvalRequired whether an Admin other than the requester must approve each
 * rotation
 * @param nativeRotation push the schedule into Key Vault's own rotation policy and only
 * propagate and verify the versions Key Vault creates
 * @param enabled whether the scheduler acts on it (default true)
 */
record PolicyRequest(@NotBlank @Size(max = 200) String name,
		@Nullable @Size(max = 1024) @Pattern(regexp = ArmId.VAULT_ID,
				message = "must be the ARM id of a Key Vault") String vaultId,
		@Nullable @Pattern(regexp = "[0-9A-Za-z-]{1,127}",
				message = "must be a Key Vault key name (letters, digits, dashes)") String keyName,
		@Nullable @Size(max = 1024) @Pattern(regexp = ArmId.WORKSPACE_ID,
				message = "must be the ARM id of a Machine Learning workspace") String workspaceId,
		@NotBlank @Size(max = 32) @Schema(example = "P90D") String rotationPeriod,
		@Nullable @Size(max = 32) @Schema(example = "P365D") String expiry, @Nullable @Valid Window window,
		@Nullable @Size(max = 32) @Schema(example = "PT1H") String maxJitter,
		@Nullable @Size(max = 10) List<@NotBlank @Size(max = 32) String> notifyBefore,
		@Nullable Boolean approvalRequired, @Nullable Boolean nativeRotation, @Nullable Boolean enabled) {

	/**
	 * When rotations may start (UTC).
	 *
	 * @param days days of the week; empty or absent means every day
	 * @param startHour opening hour, 0-23
	 * @param endHour closing hour (exclusive), 1-24; smaller than the start wraps past
	 * midnight
	 */
	record Window(@Nullable @Size(max = 7) List<DayOfWeek> days, @Nullable @Min(0) @Max(23) Integer startHour,
			@Nullable @Min(1) @Max(24) Integer endHour) {
	}

}
