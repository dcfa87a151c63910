package io.amlwarden.access;

/** What an undecided item becomes when its instance times out. */
enum DefaultDecision {

	/** Nothing: undecided items stay undecided and are never applied. */
	NONE,

	/** Undecided items are approved (kept). */
	APPROVE,

	/** Undecided items are denied (removed on application). */
	DENY,

	/**
	 * Follow the item's recommendation: REMOVE denies, KEEP approves, REDUCE_SCOPE stays
	 * undecided (only a person can pick the narrower grant).
	 */
	RECOMMENDATION

}
