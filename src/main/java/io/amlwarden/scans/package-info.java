/**
 * The scan pipeline: the scan queue (table {@code scan}, claimed with row locks so that
 * any replica may run a queued scan), the runner that collects a scope through
 * {@link io.amlwarden.azure.InventoryCollector}, evaluates it with
 * {@link io.amlwarden.posture.PostureEvaluator} and hands the results to the findings
 * ledger, the schedules ({@code warden.posture.scans.*}), and what a scan stores: the
 * latest inventory of each workspace ({@link io.amlwarden.scans.InventoryStore}, table
 * {@code inventory_workspace}) and its latest posture (table {@code workspace_posture}).
 * <p>
 * Serves {@code /api/v1/scans}, {@code /api/v1/inventory/workspaces} and
 * {@code /api/v1/workspaces}. The schedules keep their {@code warden.posture.scans.*}
 * keys, bound by {@link io.amlwarden.posture.PostureProperties}, so existing
 * configuration stays valid.
 */
@NullMarked
package io.amlwarden.scans;

import org.jspecify.annotations.NullMarked;
