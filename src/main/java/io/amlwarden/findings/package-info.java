/**
 * Findings and their lifecycle: a finding is one failing (check, resource) pair
 * identified by a fingerprint over lower-cased ids. The ledger turns each scan's
 * observations into state changes (open, unchanged, changed, regressed, resolved) with an
 * append-only history; suppressions hide findings for a justified, approved,
 * always-limited time; exports stream findings as CSV, SARIF 2.1.0 or OCSF. Knows nothing
 * about checks or Azure: callers hand it observations.
 */
@NullMarked
package io.amlwarden.findings;

import org.jspecify.annotations.NullMarked;
