package io.amlwarden.azure;

import io.amlwarden.inventory.ReadFailure;

/**
 * A failed Azure operation (rotation, policy update, workspace PATCH), classified with
 * the same reasons as read failures so that callers can tell "forbidden" from "throttled"
 * without seeing SDK types.
 */
public class AzureOperationException extends RuntimeException {

	private final ReadFailure.Reason reason;

	AzureOperationException(String operation, ReadFailure failure, Throwable cause) {
		super(operation + " failed: " + failure.reason() + " (" + failure.detail() + ")", cause);
		this.reason = failure.reason();
	}

	public ReadFailure.Reason reason() {
		return this.reason;
	}

}
