/**
 * The scan pipeline's records over time: posture history (one point per workspace and
 * scan, and a tenant and per-subscription roll-up per scan), its API (a workspace's
 * history, the posture trend) and its retention. Written inside each scan's transaction;
 * read only from the database.
 */
@NullMarked
package io.amlwarden.scans;

import org.jspecify.annotations.NullMarked;
