package io.amlwarden.findings;

/**
 * Why a finding is suppressed.
 */
public enum SuppressionType {

	/** The risk is known and accepted by its owner for a while. */
	RISK_ACCEPTED,

	/** A compensating control addresses the risk. */
	MITIGATED,

	/** The check is wrong for this resource. */
	FALSE_POSITIVE

}
