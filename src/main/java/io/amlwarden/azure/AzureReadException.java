package io.amlwarden.azure;

import java.util.concurrent.TimeoutException;

import com.azure.core.exception.HttpResponseException;
import io.amlwarden.inventory.ReadFailure;

/**
 * A failed read, classified for the snapshot's {@link ReadFailure} list.
 */
class AzureReadException extends RuntimeException {

	private final ReadFailure.Reason reason;

	AzureReadException(ReadFailure.Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	ReadFailure.Reason reason() {
		return this.reason;
	}

	static AzureReadException forStatus(int status, String detail) {
		return new AzureReadException(reasonFor(status), "HTTP " + status + ((detail != null) ? ": " + detail : ""));
	}

	static ReadFailure.Reason reasonFor(int status) {
		return switch (status) {
			case 401, 403 -> ReadFailure.Reason.FORBIDDEN;
			case 404 -> ReadFailure.Reason.NOT_FOUND;
			case 429 -> ReadFailure.Reason.THROTTLED;
			case 408, 504 -> ReadFailure.Reason.TIMEOUT;
			default -> ReadFailure.Reason.ERROR;
		};
	}

	/**
	 * Classifies anything the SDK threw. The detail carries the status and Azure's error
	 * code, never request headers (which hold tokens).
	 */
	static ReadFailure failure(String resourceId, String what, Throwable error) {
		if (error instanceof AzureReadException read) {
			return new ReadFailure(resourceId, what, read.reason(), read.getMessage());
		}
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpResponseException http && http.getResponse() != null) {
				int status = http.getResponse().getStatusCode();
				String code = (http.getValue() != null) ? String.valueOf(Json.str(http.getValue(), "error", "code"))
						: null;
				return new ReadFailure(resourceId, what, reasonFor(status),
						"HTTP " + status + ((code != null && !"null".equals(code)) ? " " + code : ""));
			}
			if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
				return new ReadFailure(resourceId, what, ReadFailure.Reason.TIMEOUT, cause.getClass().getSimpleName());
			}
		}
		return new ReadFailure(resourceId, what, ReadFailure.Reason.ERROR, error.getClass().getSimpleName());
	}

}
