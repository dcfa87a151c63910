package io.amlwarden.azure;

import java.util.List;
import java.util.Locale;

import io.amlwarden.inventory.ReadFailure;

/**
 * A failed call of {@link CmkOperations}, classified for the rotation engine: whether
 * retrying later can help, and whether the failure is one Azure documents as temporary
 * for a whole vault or region (Key Vault in read-only failover mode, a feature not
 * offered in the region) so that the rotation is deferred rather than failed. Carries the
 * HTTP status, Azure's error code and the request ids, never request headers.
 */
public class CmkCallException extends AzureOperationException {

	private final int status;

	private final String code;

	private final Kind kind;

	private final List<String> requestIds;

	CmkCallException(String operation, String resourceId, int status, String code, String message,
			List<String> requestIds, Throwable cause) {
		super(operation,
				new ReadFailure(resourceId, operation, AzureReadException.reasonFor(status), describe(status, code)),
				cause);
		this.status = status;
		this.code = code;
		this.kind = classify(status, code, message);
		this.requestIds = List.copyOf(requestIds);
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

	private static String describe(int status, String code) {
		return (status > 0) ? "HTTP " + status + ((code != null) ? " " + code : "") : "no answer";
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
