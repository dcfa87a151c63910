package io.amlwarden.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Answers the servlet container's error dispatch (failures raised outside Spring MVC,
 * such as in a filter) with a problem instead of Boot's default error body, so that no
 * response of this service is anything but problem+json.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
		}
		return false;
	}

	@RequestMapping(path = "${server.error.path:/error}", produces = MediaType.APPLICATION_PROBLEM_JSON_VALUE)
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// A direct request for the error path has no status: nothing failed, so there is
		// nothing here.
		int status = (code instanceof Integer value && value >= 400) ? value : 404;
		Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (status == 500 && failure instanceof Throwable ex && causedBy(ex, AuthenticationServiceException.class)) {
			// The token could not be checked (e.g. the identity provider's keys are
			// unreachable): a dependency is down, not a server bug.
			log.warn("Token validation unavailable: {}", ex.getMessage());
			ProblemDetail problem = Problems.create(ProblemType.SERVICE_UNAVAILABLE,
					"Tokens cannot be validated right now; retry later", request);
			return ResponseEntity.status(503)
				.header("Retry-After", "5")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		ProblemType type = ProblemType.forStatus(status);
		if (status >= 500 && failure instanceof Throwable ex) {
			log.error("Unhandled failure outside MVC", ex);
		}
		ProblemDetail problem = Problems.create(type, type.title(), request);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri instanceof String path && path.length() <= 512) {
			problem.setInstance(java.net.URI.create("/").resolve(path.replaceAll("[^A-Za-z0-9/._~-]", "_")));
		}
		problem.setStatus(status);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
