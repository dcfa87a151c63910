package io.amlwarden.posture;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A set of checks to evaluate.
 * <p>
 * {@link #BASELINE} follows the defaults of the Microsoft cloud security benchmark
 * initiative, which ships the customer-managed-key adoption policies {@code Disabled}: it
 * leaves out adopting a customer-managed key (workspace, storage, registry), HBI,
 * user-assigned identity, infrastructure encryption and the approved-outbound managed
 * VNet (preview MCSB v2 controls). Checks that judge a customer-managed key a resource
 * already uses stay in BASELINE even where MCSB ships the policy disabled: key hygiene
 * (expiry, maximum validity, rotation policy, overdue rotation, strength, expiring soon),
 * the key is healthy, storage follows the latest version, service-side encryption does
 * not block rotation. They are NOT_APPLICABLE without a customer-managed key, and a team
 * that chose one must learn when it has no expiry or rotation: that is what this service
 * is for. {@link #REGULATED} evaluates every check.
 */
// A named schema: generated clients then share one Profile type (and the Java generator
// cannot serialise a set of inline enums in a query string).
@Schema(enumAsRef = true, description = "A set of checks to evaluate: BASELINE or REGULATED (every check)")
public enum Profile {

	BASELINE, REGULATED

}
