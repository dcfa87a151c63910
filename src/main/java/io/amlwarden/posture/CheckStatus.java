package io.amlwarden.posture;

/**
 * The outcome of one check on one resource.
 */
public enum CheckStatus {

	/** The resource meets the check's condition. */
	PASS,

	/** The resource does not meet the condition. */
	FAIL,

	/**
	 * The check does not apply to this resource (e.g. a setting a project inherits from
	 * its hub, or a key check on a workspace without a customer-managed key).
	 */
	NOT_APPLICABLE,

	/**
	 * The data needed could not be read (denied, throttled, not collected): neither a
	 * pass nor a failure.
	 */
	UNKNOWN

}
