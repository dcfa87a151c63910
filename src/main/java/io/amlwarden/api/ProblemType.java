package io.amlwarden.api;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the API answers with. The {@code type} URI of each is stable:
 * clients may branch on it. Titles are fixed per type; the {@code detail} says what went
 * wrong with this request.
 */
public enum ProblemType {

	/** A field or parameter failed validation; {@code errors} lists each one. */
	VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Request validation failed"),

	/**
	 * The body is not valid JSON, has a wrong type, an unknown field or an unknown enum
	 * value.
	 */
	MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "Malformed request body"),

	/** A path or query parameter is missing, malformed or out of range. */
	INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid request parameter"),

	/** No valid bearer token was presented. */
	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),

	/** The token is valid but lacks the role the operation requires. */
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Access denied"),

	/** The addressed resource or route does not exist. */
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Resource not found"),

	/** The route exists but not with this HTTP method. */
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	/** The client accepts no representation this operation produces. */
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	/**
	 * The request conflicts with the current state (duplicate, concurrent change, wrong
	 * state).
	 */
	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),

	/**
	 * The {@code If-Match} of a write names a version that is no longer current (RFC 9110
	 * §13.1.1).
	 */
	PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),

	/**
	 * The write must say which version it replaces ({@code If-Match}) and did not (RFC
	 * 6585 §3).
	 */
	PRECONDITION_REQUIRED("precondition-required", HttpStatus.PRECONDITION_REQUIRED, "Precondition required"),

	/** The body exceeds the configured limit. */
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),

	/** The body's content type is not one the operation reads. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	/** A dependency (database, Azure) is unavailable; retry later. */
	SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),

	/** An unexpected failure; the correlation id identifies it in the logs. */
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private static final String TYPE_PREFIX = "urn:aml-warden:problem:";

	private final String slug;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.slug = slug;
		this.status = status;
		this.title = title;
	}

	/**
	 * The stable {@code type} URI.
	 * @return e.g. {@code urn:aml-warden:problem:validation-failed}
	 */
	public URI type() {
		return URI.create(TYPE_PREFIX + this.slug);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	/**
	 * The problem type that describes a bare HTTP status, for errors raised outside our
	 * code.
	 * @param status an error status
	 * @return the matching type, or {@link #INTERNAL_ERROR} for server errors we do not
	 * name
	 */
	public static ProblemType forStatus(int status) {
		for (ProblemType type : values()) {
			if (type.status.value() == status && type != MALFORMED_BODY && type != VALIDATION_FAILED) {
				return type;
			}
		}
		return (status >= 400 && status < 500) ? INVALID_PARAMETER : INTERNAL_ERROR;
	}

}
