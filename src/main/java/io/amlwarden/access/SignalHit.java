package io.amlwarden.access;

/**
 * One signal raised on one assignment.
 *
 * @param signal the rule
 * @param severity the severity for this assignment
 * @param evidence what was seen, e.g. {@code Owner at /subscriptions/... to User}
 */
record SignalHit(Signal signal, String severity, String evidence) {
}
