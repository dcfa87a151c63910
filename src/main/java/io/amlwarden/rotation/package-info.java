/**
 * Customer-managed key rotation: policies (period, expiry, maintenance windows,
 * deterministic jitter, notice thresholds, approval), stored dry-run plans, execution
 * that carries a new key version to every dependent workspace and storage account and
 * verifies it, an append-only history, cluster-safe exactly-once scheduling, near-expiry
 * notices and out-of-band version detection. Talks to Azure only through
 * {@link io.amlwarden.azure.CmkOperations} and {@link io.amlwarden.azure.KeyVaultKeys}.
 * <p>
 * Names follow one vocabulary: {@code ...Store} persists ({@code PolicyStore},
 * {@code RotationStore}), {@code ...Service} is a use case ({@code PolicyService},
 * {@code PlanService}, {@code RotationService}, {@code DueRotationService},
 * {@code RotationRunService}, {@code KeyWatchService}), {@code ...Controller} is HTTP,
 * {@code RotationJobs} holds the thin scheduled triggers, and records are values
 * ({@code Rotation}, {@code RotationSchedule}, the views). A rotation's execution is
 * {@code RotationStateMachine}, whose transition table names one {@code ...Step} per
 * recorded step.
 */
@NullMarked
package io.amlwarden.rotation;

import org.jspecify.annotations.NullMarked;
