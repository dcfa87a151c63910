package io.amlwarden.api;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The id that ties one request's logs, audit event and error response together. Taken
 * from the caller ({@code X-Request-Id}, else the trace id of a W3C {@code traceparent})
 * when it is well-formed, otherwise generated.
 */
public final class CorrelationId {

	/** Response and request header carrying the id. */
	public static final String HEADER = "X-Request-Id";

	/** MDC key, so every log line of the request carries the id. */
	public static final String MDC_KEY = "correlationId";

	/** Request attribute holding the id for code that runs after the MDC is cleared. */
	public static final String REQUEST_ATTRIBUTE = CorrelationId.class.getName();

	// Caller-chosen ids end up in logs and the database: restrict them to a safe alphabet
	// and length so they cannot forge log lines or bloat rows.
	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

	private CorrelationId() {
	}

	static String resolve(@Nullable String requestId, @Nullable String traceparent) {
		if (requestId != null && SAFE_ID.matcher(requestId).matches()) {
			return requestId;
		}
		if (traceparent != null) {
			var matcher = TRACEPARENT.matcher(traceparent.trim());
			if (matcher.matches() && !matcher.group(1).equals("0".repeat(32))) {
				return matcher.group(1);
			}
		}
		return UUID.randomUUID().toString();
	}

	/**
	 * The correlation id of a request.
	 * @param request the request
	 * @return the id, or {@code null} if the correlation filter did not run
	 */
	public static @Nullable String of(HttpServletRequest request) {
		return (request.getAttribute(REQUEST_ATTRIBUTE) instanceof String id) ? id : null;
	}

}
