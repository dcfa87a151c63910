/**
 * The check catalogue: one Spring bean per check, named after its rule (class
 * {@code KvPurgeProtectionCheck}, id {@code kv-purge-protection}, test
 * {@code KvPurgeProtectionCheckTests}). Internal to the posture module; other modules see
 * checks only through {@link io.amlwarden.posture.PostureEvaluator}.
 * <p>
 * Conventions every check follows: an absent property is judged by the service's
 * documented default and says so in its evidence; {@code null} never passes by accident;
 * enum values and ids compare ignoring case; a resource that could not be read is
 * UNKNOWN, with the read failure as detail.
 */
@NullMarked
package io.amlwarden.posture.checks;

import org.jspecify.annotations.NullMarked;
