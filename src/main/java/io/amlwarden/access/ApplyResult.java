package io.amlwarden.access;

/** Entra-style result of applying one item. */
enum ApplyResult {

	/** The assignment was deleted. */
	APPLIED_SUCCESSFULLY,

	/** There was nothing to delete: the assignment was already gone. */
	APPLIED_BUT_OBJECT_NOT_FOUND,

	/** Deliberately not removed; the detail says why. */
	NOT_APPLIED,

	/** The removal was attempted and failed; the detail carries the error. */
	FAILED

}
