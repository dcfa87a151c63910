package io.amlwarden.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A failure a feature module reports to the caller. The message becomes the problem's
 * {@code detail}, so it must be written for the caller and must not carry secrets or
 * internals.
 */
public class ApiException extends RuntimeException {

	private final ProblemType problemType;

	private final Map<String, Object> properties;

	private @Nullable Duration retryAfter;

	public ApiException(ProblemType problemType, String detail) {
		this(problemType, detail, Map.of());
	}

	public ApiException(ProblemType problemType, String detail, Map<String, Object> properties) {
		super(detail);
		this.problemType = problemType;
		this.properties = new LinkedHashMap<>(properties);
	}

	public static ApiException notFound(String what, String id) {
		return new ApiException(ProblemType.NOT_FOUND, what + " '" + id + "' does not exist");
	}

	public static ApiException conflict(String detail) {
		return new ApiException(ProblemType.CONFLICT, detail);
	}

	public static ApiException badRequest(String detail) {
		return new ApiException(ProblemType.INVALID_PARAMETER, detail);
	}

	/**
	 * A refusal because a bounded resource is busy; the answer carries
	 * {@code Retry-After}.
	 * @param detail what is busy
	 * @param retryAfter when to try again
	 * @return the exception
	 */
	public static ApiException tooManyRequests(String detail, Duration retryAfter) {
		ApiException ex = new ApiException(ProblemType.TOO_MANY_REQUESTS, detail);
		ex.retryAfter = retryAfter;
		return ex;
	}

	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	public ProblemType problemType() {
		return this.problemType;
	}

	public Map<String, Object> properties() {
		return Map.copyOf(this.properties);
	}

}
