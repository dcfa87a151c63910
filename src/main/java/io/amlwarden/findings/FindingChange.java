package io.amlwarden.findings;

/**
 * What the last scan that saw a finding failing changed about it.
 */
public enum FindingChange {

	/** First seen in that scan. */
	NEW,

	/** Failing as before, with the same observed value. */
	UNCHANGED,

	/** Failing as before, but the observed value differs. */
	CHANGED,

	/** Had been resolved and fails again. */
	REGRESSED

}
