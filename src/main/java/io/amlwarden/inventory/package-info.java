/**
 * The immutable inventory snapshot of a scope: ML workspaces (with their computes and
 * online endpoints) and the Key Vaults, keys, storage accounts, container registries,
 * Application Insights / Log Analytics workspaces, diagnostic settings, role assignments
 * and Defender plans they link to.
 * <p>
 * Records here are plain data: they never reference Azure SDK types, so posture checks
 * and the other modules can be unit-tested on hand-built snapshots. Booleans are boxed on
 * purpose: a {@code null} means Azure did not return the property, which checks must
 * treat differently from {@code false}. Whatever could not be read is recorded as a
 * {@link io.amlwarden.inventory.ReadFailure} so that a failed read is never mistaken for
 * "no resources".
 * <p>
 * Nothing here reads Azure or the database: the {@code azure} module fills a snapshot,
 * the {@code scans} module stores what a scan collected.
 */
package io.amlwarden.inventory;
