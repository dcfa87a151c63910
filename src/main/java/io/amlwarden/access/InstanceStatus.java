package io.amlwarden.access;

/** Lifecycle of an instance. */
enum InstanceStatus {

	OPEN, CLOSED, APPLYING, APPLIED

}
