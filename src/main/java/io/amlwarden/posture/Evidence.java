package io.amlwarden.posture;

/**
 * What a check looked at and what it expected.
 *
 * @param propertyPath the property judged, as in the ARM payload (e.g.
 * {@code properties.enablePurgeProtection})
 * @param observed the value found; {@code "absent"} when Azure did not return it,
 * {@code "unreadable"} when it could not be read
 * @param expected the compliant condition, in words (e.g. {@code "true"} or
 * {@code "TLS1_2 or higher"})
 */
public record Evidence(String propertyPath, String observed, String expected) {

}
