package io.amlwarden.audit;

/**
 * How an audited request or action ended.
 */
public enum AuditOutcome {

	/** Completed (2xx/3xx). */
	SUCCESS,

	/** Refused because of the request itself: validation, not found, conflict (4xx). */
	REJECTED,

	/** No valid token (401). */
	UNAUTHENTICATED,

	/** Valid token without the required role (403). */
	DENIED,

	/** The service failed (5xx) or the action did not complete. */
	FAILED;

	static AuditOutcome ofStatus(int status) {
		if (status == 401) {
			return UNAUTHENTICATED;
		}
		if (status == 403) {
			return DENIED;
		}
		if (status >= 500) {
			return FAILED;
		}
		return (status >= 400) ? REJECTED : SUCCESS;
	}

}
