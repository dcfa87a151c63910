package io.amlwarden.inventory;

/**
 * Something the collector tried to read and could not.
 *
 * @param resourceId the ARM id (or, for a subscription-wide listing, the subscription
 * scope)
 * @param what what was being read, e.g. {@code diagnosticSettings}, {@code keys},
 * {@code roleAssignments}
 * @param reason why it failed
 * @param detail a short human-readable detail (never a token or secret)
 */
public record ReadFailure(String resourceId, String what, Reason reason, String detail) {

	public enum Reason {

		/** 401/403: the collector's identity is not allowed to read it. */
		FORBIDDEN,

		/** 404: it was linked from elsewhere but does not exist (or is hidden). */
		NOT_FOUND,

		/** 429 after the retries were used up. */
		THROTTLED,

		/** No answer within the per-call timeout. */
		TIMEOUT,

		/** Not attempted: the scan's request budget ran out first. */
		SKIPPED,

		/** Anything else (5xx after retries, malformed payloads). */
		ERROR

	}

}
