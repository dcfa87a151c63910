/**
 * RBAC access reviews: least-privilege signals over the role assignments that reach each
 * workspace (a pure evaluation of an inventory snapshot, recorded as findings), review
 * campaigns (definitions and their instances), reviewers' decisions, and the safe
 * application of denials (re-read before delete, break-glass and soft-delete holds, a
 * removal cap, dry runs, re-grant).
 * <p>
 * Azure is reached only through {@link io.amlwarden.azure}; everything here works on
 * plain records.
 */
@NullMarked
package io.amlwarden.access;

import org.jspecify.annotations.NullMarked;
