package io.amlwarden.scans;

/**
 * Where a scan stands.
 */
public enum ScanState {

	/** Accepted, waiting for a replica to claim it. */
	QUEUED,

	/** Claimed and running. */
	RUNNING,

	/** Every resource in scope was read and evaluated. */
	SUCCEEDED,

	/** Finished, but some resources could not be read; it resolved nothing. */
	PARTIAL,

	/** Did not finish (an error, or its replica died); it resolved nothing. */
	FAILED;

	boolean active() {
		return this == QUEUED || this == RUNNING;
	}

}
