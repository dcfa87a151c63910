package io.amlwarden.access;

/** A reviewer's decision. */
enum Decision {

	APPROVE, DENY, DONT_KNOW

}
