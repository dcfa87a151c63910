package io.amlwarden.access;

/**
 * What a review item proposes to its reviewer.
 */
enum Recommendation {

	/** Keep the assignment as it is. */
	KEEP,

	/** Remove the assignment. */
	REMOVE,

	/**
	 * Keep access but narrow it: a smaller scope or role. Never applied automatically,
	 * since only a person can say which narrower grant is right.
	 */
	REDUCE_SCOPE

}
