/**
 * Security posture of Azure ML workspaces: the check catalogue (one class per check in
 * {@code io.amlwarden.posture.checks}), the evaluator that turns an inventory snapshot
 * into check results and workspace scores, and the read-only catalogue API. Running,
 * scheduling and storing scans belongs to {@code io.amlwarden.scans}.
 * <p>
 * Evaluation is a pure function of a {@link io.amlwarden.inventory.TenantSnapshot}: no
 * Azure calls, no database, no clock other than the snapshot's collection time. A
 * workspace is judged as a system: checks on the Key Vaults, keys, storage accounts,
 * registries and Application Insights components it links to are reported under the
 * workspace as well as under the resource. Other modules use only the public types of
 * this package; the checks package is internal.
 */
@NullMarked
package io.amlwarden.posture;

import org.jspecify.annotations.NullMarked;
