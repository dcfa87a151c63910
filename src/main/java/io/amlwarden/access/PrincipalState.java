package io.amlwarden.access;

/**
 * Where an assignment's principal stands in the directory.
 */
enum PrincipalState {

	/** Resolved through Microsoft Graph. */
	ACTIVE,

	/** In {@code directory/deletedItems}: restorable, so its assignments are held. */
	SOFT_DELETED,

	/** Neither resolvable nor in deleted items: the assignment is orphaned. */
	ORPHANED,

	/** Not resolved (lookup off or failed): nothing is concluded from it. */
	UNKNOWN

}
