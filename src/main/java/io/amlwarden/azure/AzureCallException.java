package io.amlwarden.azure;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import com.azure.core.exception.HttpResponseException;
import io.amlwarden.inventory.ReadFailure;

/**
 * The one exception for a failed Azure call, read or write, so that no SDK type leaks out
 * of this package. It says why ({@link Reason}), whether retrying later can help
 * ({@link Kind}: a failure Azure documents as temporary for a whole vault or region, such
 * as Key Vault in read-only failover mode, defers a rotation rather than failing it), and
 * carries the operation, the resource, the HTTP status, Azure's error code and the
 * request ids, never request headers (which hold tokens).
 */
public class AzureCallException extends RuntimeException {

	private final String operation;

	private final String resource;

	private final Reason reason;

	private final int status;

	private final String code;

	private final Kind kind;

	private final List<String> requestIds;

	private AzureCallException(String operation, String resource, Reason reason, int status, String code,
			String azureMessage, List<String> requestIds, String message, Throwable cause) {
		super(message, cause);
		this.operation = operation;
		this.resource = resource;
		this.reason = reason;
		this.status = status;
		this.code = code;
		this.kind = classify(status, code, azureMessage);
		this.requestIds = List.copyOf(requestIds);
	}

	/**
	 * A call Azure answered with an error, or that got no answer ({@code status} 0).
	 * @param azureMessage Azure's error message, read only to classify the failure
	 */
	static AzureCallException answered(String operation, String resourceId, int status, String code,
			String azureMessage, List<String> requestIds, Throwable cause) {
		Reason reason = reasonFor(status);
		String detail = (status > 0) ? "HTTP " + status + ((code != null) ? " " + code : "") : "no answer";
		return new AzureCallException(operation, resourceId, reason, status, code, azureMessage, requestIds,
				failedMessage(operation, reason.readReason(), detail), cause);
	}

	/**
	 * A non-2xx answer to a read; the message becomes the read failure's detail.
	 */
	static AzureCallException forStatus(int status, String code) {
		return new AzureCallException("read", "", reasonFor(status), status, code, null, List.of(),
				"HTTP " + status + ((code != null) ? ": " + code : ""), null);
	}

	/** A read not attempted because the scan's request budget ran out. */
	static AzureCallException skipped(String message) {
		return new AzureCallException("read", "", Reason.SKIPPED, 0, null, null, List.of(), message, null);
	}

	/**
	 * A request this service refused to send or follow, because it named a host other
	 * than the service's own (the token would have left Azure).
	 */
	static AzureCallException refused(String message) {
		// Status 400: permanent, so nothing retries a request that must never be sent.
		return new AzureCallException("request", "", Reason.REJECTED, 400, "Refused", null, List.of(), message, null);
	}

	/** The calling thread was interrupted while it waited for its turn or an answer. */
	static AzureCallException interrupted() {
		return new AzureCallException("read", "", Reason.TRANSPORT, 0, "Interrupted", null, List.of(), "interrupted",
				null);
	}

	/**
	 * Wraps whatever a call threw, keeping the status and code of an Azure answer when
	 * there was one.
	 */
	static AzureCallException failed(String operation, String resourceId, String what, Throwable error) {
		ReadFailure failure = failure(resourceId, what, error);
		String message = failedMessage(operation, failure.reason(), failure.detail());
		if (error instanceof AzureCallException call) {
			return new AzureCallException(operation, resourceId, call.reason, call.status, call.code, null,
					call.requestIds, message, error);
		}
		int status = httpStatus(error);
		Reason reason = (status > 0) ? reasonFor(status)
				: (failure.reason() == ReadFailure.Reason.TIMEOUT) ? Reason.TIMEOUT : Reason.TRANSPORT;
		return new AzureCallException(operation, resourceId, reason, status, null, null, List.of(), message, error);
	}

	/**
	 * Classifies anything a read threw for the snapshot's read failures. The detail
	 * carries the status and Azure's error code, never request headers.
	 */
	static ReadFailure failure(String resourceId, String what, Throwable error) {
		if (error instanceof AzureCallException call) {
			return new ReadFailure(resourceId, what, call.readReason(), call.getMessage());
		}
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpResponseException http && http.getResponse() != null) {
				int status = http.getResponse().getStatusCode();
				String code = (http.getValue() != null) ? String.valueOf(Json.str(http.getValue(), "error", "code"))
						: null;
				return new ReadFailure(resourceId, what, reasonFor(status).readReason(),
						"HTTP " + status + ((code != null && !"null".equals(code)) ? " " + code : ""));
			}
			if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
				return new ReadFailure(resourceId, what, ReadFailure.Reason.TIMEOUT, cause.getClass().getSimpleName());
			}
		}
		return new ReadFailure(resourceId, what, ReadFailure.Reason.ERROR, error.getClass().getSimpleName());
	}

	private static int httpStatus(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpResponseException http && http.getResponse() != null) {
				return http.getResponse().getStatusCode();
			}
		}
		return 0;
	}

	private static String failedMessage(String operation, ReadFailure.Reason reason, String detail) {
		return operation + " failed: " + reason + " (" + detail + ")";
	}

	static Reason reasonFor(int status) {
		return switch (status) {
			case 0 -> Reason.TRANSPORT;
			case 401, 403 -> Reason.FORBIDDEN;
			case 404 -> Reason.NOT_FOUND;
			case 409 -> Reason.CONFLICT;
			case 429 -> Reason.THROTTLED;
			case 408, 504 -> Reason.TIMEOUT;
			default -> (status >= 500) ? Reason.SERVER_ERROR : Reason.REJECTED;
		};
	}

	static Kind classify(int status, String code, String message) {
		String text = ((code != null) ? code : "") + " " + ((message != null) ? message : "");
		String lower = text.toLowerCase(Locale.ROOT);
		// Key Vault during a regional failover serves reads only; some regions lack
		// features (Azure/azure-sdk-for-js#19851). Both pass: defer, do not fail.
		if (lower.contains("readonly") || lower.contains("read-only") || lower.contains("read only")
				|| lower.contains("not supported in this location") || lower.contains("not supported in this region")
				|| lower.contains("locationnotavailable") || lower.contains("notsupportedinregion")
				|| lower.contains("regionnotsupported")) {
			return Kind.DEFERRABLE;
		}
		if (status == 0 || status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505)) {
			return Kind.TRANSIENT;
		}
		if (status == 409 && lower.contains("anotheroperation")) {
			return Kind.TRANSIENT;
		}
		return Kind.PERMANENT;
	}

	/** What was attempted, e.g. {@code rotate key}. */
	public String operation() {
		return this.operation;
	}

	/** The ARM id or vault URL the call addressed; empty when not known. */
	public String resource() {
		return this.resource;
	}

	public Reason reason() {
		return this.reason;
	}

	/** The reason as a snapshot's read failure states it. */
	public ReadFailure.Reason readReason() {
		return this.reason.readReason();
	}

	/** The HTTP status, or 0 when no answer arrived (timeout, I/O error). */
	public int status() {
		return this.status;
	}

	/** Azure's error code, e.g. {@code AuthorizationFailed}; may be {@code null}. */
	public String code() {
		return this.code;
	}

	public Kind kind() {
		return this.kind;
	}

	public List<String> requestIds() {
		return this.requestIds;
	}

	/**
	 * Why the call failed.
	 */
	public enum Reason {

		/** 429 after the SDK's retries. */
		THROTTLED(ReadFailure.Reason.THROTTLED),

		/** 401/403: the service's identity is not allowed. */
		FORBIDDEN(ReadFailure.Reason.FORBIDDEN),

		/** 404: the resource does not exist (or is hidden). */
		NOT_FOUND(ReadFailure.Reason.NOT_FOUND),

		/** 409: the resource is in a state that refuses the change. */
		CONFLICT(ReadFailure.Reason.ERROR),

		/** Any other 4xx: the request was refused as sent. */
		REJECTED(ReadFailure.Reason.ERROR),

		/** 408/504 or no answer within the call's timeout. */
		TIMEOUT(ReadFailure.Reason.TIMEOUT),

		/** 5xx after the SDK's retries. */
		SERVER_ERROR(ReadFailure.Reason.ERROR),

		/** No answer at all (connection, I/O, interruption). */
		TRANSPORT(ReadFailure.Reason.ERROR),

		/** Not attempted: the scan's request budget ran out first. */
		SKIPPED(ReadFailure.Reason.SKIPPED);

		private final ReadFailure.Reason readReason;

		Reason(ReadFailure.Reason readReason) {
			this.readReason = readReason;
		}

		ReadFailure.Reason readReason() {
			return this.readReason;
		}

	}

	/**
	 * How the caller should react.
	 */
	public enum Kind {

		/** Throttled, timed out or a server error after the SDK's own retries. */
		TRANSIENT,

		/** The vault or region cannot take the change for now (failover, capability). */
		DEFERRABLE,

		/**
		 * Refused (bad request, forbidden, not found, conflict): retrying cannot help.
		 */
		PERMANENT

	}

}
