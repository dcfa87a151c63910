package io.amlwarden.findings;

/**
 * Orders of the findings list; each ends with the finding id so pages are stable.
 */
enum FindingSort {

	/** Most severe first, then most recently seen. */
	SEVERITY("CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 "
			+ "ELSE 4 END, f.last_seen_at DESC, f.id"),

	/** Most recently seen first. */
	LAST_SEEN("f.last_seen_at DESC, f.id"),

	/** Oldest first. */
	FIRST_SEEN("f.first_seen_at, f.id"),

	/** Most recent state change first. */
	STATE_CHANGED("f.state_changed_at DESC, f.id");

	private final String orderBy;

	FindingSort(String orderBy) {
		this.orderBy = orderBy;
	}

	String orderBy() {
		return this.orderBy;
	}

}
