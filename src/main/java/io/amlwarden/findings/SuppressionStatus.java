package io.amlwarden.findings;

/**
 * Where a suppression stands. Only ACTIVE suppressions hold findings.
 */
public enum SuppressionStatus {

	/** Requested, waiting for an Admin other than the requester. */
	PENDING,

	/** Approved and not yet expired. */
	ACTIVE,

	/** Withdrawn; its findings reopened. */
	REVOKED,

	/** Past its expiry; its findings reopened. */
	EXPIRED

}
