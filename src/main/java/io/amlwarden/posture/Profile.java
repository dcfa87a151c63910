package io.amlwarden.posture;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A set of checks to evaluate.
 * <p>
 * {@link #BASELINE} follows the defaults of the Microsoft cloud security benchmark
 * initiative, which ships the customer-managed-key and key-lifetime policies
 * {@code Disabled}: it leaves out adopting a customer-managed key (workspace, storage,
 * registry), key expiry, maximum validity, rotation policy and overdue rotation, key
 * strength, HBI, user-assigned identity, infrastructure encryption and the
 * approved-outbound managed VNet (preview MCSB v2 controls). Checks that judge a
 * customer-managed key a resource already uses (the key is healthy, storage follows the
 * latest version, service-side encryption does not block rotation) stay in BASELINE: they
 * are NOT_APPLICABLE without a customer-managed key, and a broken key is an outage rather
 * than a hardening choice. {@link #REGULATED} evaluates every check.
 */
// A named schema: generated clients then share one Profile type (and the Java generator
// cannot serialise a set of inline enums in a query string).
@Schema(enumAsRef = true, description = "A set of checks to evaluate: BASELINE or REGULATED (every check)")
public enum Profile {

	BASELINE, REGULATED

}
