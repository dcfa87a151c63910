/**
 * Customer-managed key rotation: policies (period, expiry, maintenance windows,
 * deterministic jitter, notice thresholds, approval), stored dry-run plans, execution
 * that carries a new key version to every dependent workspace and storage account and
 * verifies it, an append-only history, cluster-safe exactly-once scheduling, near-expiry
 * notices and out-of-band version detection. Talks to Azure only through
 * {@link io.amlwarden.azure.CmkOperations} and {@link io.amlwarden.azure.KeyVaultKeys}.
 */
@NullMarked
package io.amlwarden.rotation;

import org.jspecify.annotations.NullMarked;
