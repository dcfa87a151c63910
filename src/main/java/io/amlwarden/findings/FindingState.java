package io.amlwarden.findings;

/**
 * Where a finding stands.
 */
public enum FindingState {

	/** Failing at the last complete look. */
	OPEN,

	/** A complete scan covering it saw it pass (or saw its resource gone). */
	RESOLVED,

	/** Failing, but an active suppression covers it; it keeps being evaluated. */
	SUPPRESSED

}
