package io.amlwarden.api;

import java.io.IOException;

/**
 * Thrown while a request body is read once it passes the configured limit. Being an
 * {@link IOException}, it surfaces through message converters, and the problem handler
 * answers 413 wherever it ends up in the cause chain.
 */
public class RequestTooLargeException extends IOException {

	public RequestTooLargeException(long limit) {
		super("Request body exceeds " + limit + " bytes");
	}

}
