package io.amlwarden.access;

/** Who reviews an instance's items. */
enum ReviewerMode {

	/** The principals listed on the definition. */
	NAMED,

	/**
	 * Whoever holds Owner directly on (or above) the workspace an item reaches, as seen
	 * in the snapshot.
	 */
	WORKSPACE_OWNERS

}
