package io.amlwarden.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure raised while handling a request into an RFC 9457 problem. Details
 * are written for the caller: they name the offending field or parameter but never a
 * class, a stack frame, an SQL fragment or a secret. Unexpected failures are logged here
 * with their stack trace and answered with a generic 500 that carries only the
 * correlation id.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final int MAX_ECHOED_VALUE = 64;

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> handleApi(ApiException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.create(ex.problemType(), ex.getMessage(), request);
		ex.properties().forEach(problem::setProperty);
		if (ex.retryAfter() != null) {
			return ResponseEntity.status(problem.getStatus())
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())))
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		return respond(problem);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex,
			HttpServletRequest request) {
		List<Map<String, String>> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> fieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
			.toList();
		return respond(validation(errors, request));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
		return respond(Problems.create(ProblemType.FORBIDDEN,
				"The token does not carry a Warden role that permits this operation", request));
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> handleIntegrity(DataIntegrityViolationException ex, HttpServletRequest request) {
		// The constraint name and SQL stay in the log; the caller learns only that it
		// conflicts.
		log.info("Request conflicts with stored data: {}", ex.getMostSpecificCause().getMessage());
		return respond(Problems.create(ProblemType.CONFLICT, "The request conflicts with stored data", request));
	}

	@ExceptionHandler(ConcurrencyFailureException.class)
	ResponseEntity<ProblemDetail> handleConcurrency(ConcurrencyFailureException ex, HttpServletRequest request) {
		return respond(Problems.create(ProblemType.CONFLICT,
				"The resource was changed by another request; reload and retry", request));
	}

	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	ResponseEntity<ProblemDetail> handleUnavailable(Exception ex, HttpServletRequest request) {
		log.warn("Database unavailable: {}", ex.getMessage());
		ResponseEntity<ProblemDetail> response = respond(
				Problems.create(ProblemType.SERVICE_UNAVAILABLE, "A dependency is unavailable; retry later", request));
		return ResponseEntity.status(response.getStatusCode())
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(response.getBody());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure handling {} {}", request.getMethod(), request.getRequestURI(), ex);
		return respond(Problems.create(ProblemType.INTERNAL_ERROR,
				"An unexpected error occurred; quote the correlation id when reporting it", request));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest webRequest) {
		HttpServletRequest request = ((NativeWebRequest) webRequest).getNativeRequest(HttpServletRequest.class);
		if (request == null) {
			return super.handleExceptionInternal(ex, body, headers, statusCode, webRequest);
		}
		ProblemDetail problem = translate(ex, statusCode, request);
		HttpHeaders responseHeaders = new HttpHeaders();
		// Keep protocol headers such as Allow (405) and Accept (415); drop anything else.
		if (headers.getAllow() != null && !headers.getAllow().isEmpty()) {
			responseHeaders.setAllow(headers.getAllow());
		}
		if (!headers.getAccept().isEmpty()) {
			responseHeaders.setAccept(headers.getAccept());
		}
		responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(problem, responseHeaders, problem.getStatus());
	}

	private ProblemDetail translate(Exception ex, HttpStatusCode statusCode, HttpServletRequest request) {
		if (ex instanceof MethodArgumentNotValidException invalid) {
			List<Map<String, String>> errors = new ArrayList<>();
			for (FieldError error : invalid.getBindingResult().getFieldErrors()) {
				errors.add(fieldError(error.getField(), fieldMessage(error)));
			}
			invalid.getBindingResult()
				.getGlobalErrors()
				.forEach((error) -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
			return validation(errors, request);
		}
		if (ex instanceof HandlerMethodValidationException invalid) {
			List<Map<String, String>> errors = new ArrayList<>();
			for (ParameterValidationResult result : invalid.getParameterValidationResults()) {
				String name = result.getMethodParameter().getParameterName();
				for (var error : result.getResolvableErrors()) {
					errors.add(fieldError((name != null) ? name : "parameter", message(error)));
				}
			}
			return validation(errors, request);
		}
		if (ex instanceof HttpMessageNotReadableException unreadable) {
			if (causedBy(unreadable, RequestTooLargeException.class)) {
				return Problems.create(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the allowed size",
						request);
			}
			return Problems.create(ProblemType.MALFORMED_BODY, describeUnreadable(unreadable), request);
		}
		if (ex instanceof TypeMismatchException mismatch) {
			String name = (mismatch.getPropertyName() != null) ? mismatch.getPropertyName() : "parameter";
			Class<?> required = mismatch.getRequiredType();
			String expected = (required != null) ? describeType(required) : "a valid value";
			return Problems.create(ProblemType.INVALID_PARAMETER, "Parameter '" + name + "' must be " + expected,
					request);
		}
		if (ex instanceof ServletRequestBindingException binding) {
			return Problems.create(ProblemType.INVALID_PARAMETER, binding.getBody().getDetail() != null
					? binding.getBody().getDetail() : "A required parameter is missing", request);
		}
		if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
			return Problems.create(ProblemType.UNSUPPORTED_MEDIA_TYPE,
					"Send the body as " + unsupported.getSupportedMediaTypes()
						.stream()
						.findFirst()
						.map(MediaType::toString)
						.orElse("application/json"),
					request);
		}
		if (ex instanceof HttpMediaTypeNotAcceptableException) {
			return Problems.create(ProblemType.NOT_ACCEPTABLE, "This operation produces application/json", request);
		}
		if (ex instanceof HttpRequestMethodNotSupportedException unsupported) {
			return Problems.create(ProblemType.METHOD_NOT_ALLOWED,
					"Method " + unsupported.getMethod() + " is not allowed here", request);
		}
		if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
			return Problems.create(ProblemType.NOT_FOUND, "No such resource", request);
		}
		if (ex instanceof MaxUploadSizeExceededException) {
			return Problems.create(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the allowed size", request);
		}
		if (ex instanceof AsyncRequestTimeoutException) {
			return Problems.create(ProblemType.SERVICE_UNAVAILABLE, "The request timed out; retry later", request);
		}
		ProblemType type = ProblemType.forStatus(statusCode.value());
		if (type == ProblemType.INTERNAL_ERROR) {
			log.error("Framework failure handling {} {}", request.getMethod(), request.getRequestURI(), ex);
		}
		return Problems.create(type, type.title(), request);
	}

	private static ProblemDetail validation(List<Map<String, String>> errors, HttpServletRequest request) {
		ProblemDetail problem = Problems.create(ProblemType.VALIDATION_FAILED,
				errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", request);
		problem.setProperty("errors", errors);
		return problem;
	}

	private static Map<String, String> fieldError(String field, @Nullable String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", (message != null) ? message : "is invalid");
		return error;
	}

	private static String fieldMessage(FieldError error) {
		if (error.isBindingFailure()) {
			return "has the wrong type";
		}
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	private static String message(org.springframework.context.MessageSourceResolvable error) {
		if (error instanceof DefaultMessageSourceResolvable resolvable && resolvable.getDefaultMessage() != null) {
			return resolvable.getDefaultMessage();
		}
		return "is invalid";
	}

	private static String describeUnreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown field '" + bounded(unknown.getPropertyName()) + "'";
		}
		if (cause instanceof InvalidFormatException invalid) {
			String expected = (invalid.getTargetType() != null) ? describeType(invalid.getTargetType())
					: "a valid value";
			return "Field '" + path(invalid) + "' must be " + expected;
		}
		if (cause instanceof MismatchedInputException mismatched) {
			String expected = (mismatched.getTargetType() != null) ? describeType(mismatched.getTargetType())
					: "a different type";
			String path = path(mismatched);
			return path.isEmpty() ? "The body must be " + expected : "Field '" + path + "' must be " + expected;
		}
		if (cause instanceof StreamReadException) {
			return "The body is not well-formed JSON";
		}
		if (cause instanceof JacksonException) {
			return "The body could not be read as JSON";
		}
		return "The request body is missing or unreadable";
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return bounded(path.toString());
	}

	private static String describeType(Class<?> type) {
		if (type.isEnum()) {
			Object[] constants = type.getEnumConstants();
			List<String> names = new ArrayList<>();
			for (Object constant : constants) {
				names.add(constant.toString());
			}
			return "one of " + names;
		}
		if (type == java.util.UUID.class) {
			return "a UUID";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
			return "an ISO-8601 UTC timestamp such as 2026-01-31T12:00:00Z";
		}
		if (type == java.time.Duration.class) {
			return "an ISO-8601 duration such as P90D";
		}
		if (type == String.class) {
			return "a string";
		}
		if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

	private static String bounded(@Nullable String value) {
		if (value == null) {
			return "";
		}
		String printable = value.replaceAll("[^\\p{Print}]", "?");
		return (printable.length() > MAX_ECHOED_VALUE) ? printable.substring(0, MAX_ECHOED_VALUE) + "…" : printable;
	}

	private static String lastNode(String propertyPath) {
		int dot = propertyPath.lastIndexOf('.');
		return (dot >= 0) ? propertyPath.substring(dot + 1) : propertyPath;
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
		}
		return false;
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
