package io.amlwarden.rotation;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the rotation module ({@code warden.rotation.*}).
 *
 * @param subscriptions subscriptions searched for dependents and listed by
 * {@code GET /keys}, besides those of the policies' vaults
 * @param planInterval how often the scheduler looks for due policies (one replica per
 * tick, through ShedLock)
 * @param workInterval how often each replica claims runnable rotations
 * @param workers rotations one replica runs in parallel
 * @param batchSize rotations claimed per claim
 * @param lease how long a claim holds a rotation before another replica may resume it;
 * renewed at every step
 * @param workspaceUpdateTimeout how long to follow one workspace's long-running update
 * @param propagationRecheck how often to re-check dependents that follow the latest
 * version on their own (storage accounts poll Key Vault about daily)
 * @param propagationMaxWait how long to wait for them before failing the rotation
 * @param maxAttempts attempts after transient Azure failures before the rotation fails
 * @param retryBase first delay after a transient failure (doubles each attempt)
 * @param retryMax longest delay after a transient failure
 * @param deferBase first delay of a deferred rotation (vault read-only, region)
 * @param deferMax longest delay of a deferred rotation
 * @param planTtl how long a plan may be executed
 * @param approvalTtl how long a granted approval stays valid before the rotation starts
 * @param defaultMaxJitter spread of due times when a policy has no window and sets none
 * @param defaultNotifyBefore near-expiry notice thresholds when a policy sets none
 * @param outOfBandQuietPeriod a scheduled rotation that finds a version created outside
 * AML Warden within this period propagates that version instead of rotating again
 * @param inventoryMaxAge how old the inventory used to find dependents may be
 * @param identity the audit and event identity of work the service does on its own
 * @param watchInterval how often near-expiry thresholds and out-of-band versions are
 * checked
 * @param planInitialDelay how long after start the first planning tick waits
 * @param workInitialDelay how long after start a replica first claims rotations
 * @param watchInitialDelay how long after start the first key watch waits
 * @param approval how strictly rotations need an Admin's approval ({@link ApprovalRule}):
 * {@code always} (default), {@code policy} or {@code never}; only configuration relaxes
 * it
 */
@Validated
@ConfigurationProperties("warden.rotation")
record RotationProperties(@DefaultValue List<String> subscriptions, @DefaultValue("PT1M") Duration planInterval,
		@DefaultValue("PT10S") Duration workInterval, @DefaultValue("4") int workers, @DefaultValue("20") int batchSize,
		@DefaultValue("PT10M") Duration lease, @DefaultValue("PT30M") Duration workspaceUpdateTimeout,
		@DefaultValue("PT1H") Duration propagationRecheck, @DefaultValue("P2D") Duration propagationMaxWait,
		@DefaultValue("6") int maxAttempts, @DefaultValue("PT1M") Duration retryBase,
		@DefaultValue("PT1H") Duration retryMax, @DefaultValue("PT30M") Duration deferBase,
		@DefaultValue("PT12H") Duration deferMax, @DefaultValue("P1D") Duration planTtl,
		@DefaultValue("P2D") Duration approvalTtl, @DefaultValue("PT1H") Duration defaultMaxJitter, @DefaultValue( {
				"P30D", "P14D", "P7D", "P1D" }) List<String> defaultNotifyBefore,
		@DefaultValue("PT20M") Duration outOfBandQuietPeriod, @DefaultValue("PT15M") Duration inventoryMaxAge,
		@DefaultValue("aml-warden-rotation") String identity, @DefaultValue("PT1H") Duration watchInterval,
		@DefaultValue("PT30S") Duration planInitialDelay, @DefaultValue("PT20S") Duration workInitialDelay,
		@DefaultValue("PT2M") Duration watchInitialDelay, @DefaultValue("always") ApprovalRule.ApprovalMode approval){

	RotationProperties {
		approval = (approval != null) ? approval : ApprovalRule.ApprovalMode.ALWAYS;
		subscriptions = List.copyOf(subscriptions);
		defaultNotifyBefore = List.copyOf(defaultNotifyBefore);
		workers = Math.max(1, workers);
		batchSize = Math.max(1, batchSize);
	}

	static RotationProperties defaults() {
		return new RotationProperties(List.of(), Duration.ofMinutes(1), Duration.ofSeconds(10), 4, 20,
				Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofDays(2), 6,
				Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(30), Duration.ofHours(12),
				Duration.ofDays(1), Duration.ofDays(2), Duration.ofHours(1), List.of("P30D", "P14D", "P7D", "P1D"),
				Duration.ofMinutes(20), Duration.ofMinutes(15), "aml-warden-rotation", Duration.ofHours(1),
				Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMinutes(2),
				ApprovalRule.ApprovalMode.ALWAYS);
	}

}
