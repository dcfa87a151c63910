package io.amlwarden.posture;

/**
 * What a check protects, for filtering and reporting.
 */
public enum Category {

	ENCRYPTION, NETWORK, IDENTITY, LOGGING, THREAT_PROTECTION, DATA_PROTECTION, ACCESS

}
