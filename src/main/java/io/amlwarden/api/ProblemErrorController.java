package io.amlwarden.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

	@RequestMapping(path = "${server.error.path:/error}", produces = MediaType.APPLICATION_PROBLEM_JSON_VALUE)
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// A direct request for the error path has no status: nothing failed, so there is
		// nothing here.
		int status = (code instanceof Integer value && value >= 400) ? value : 404;
		ProblemType type = ProblemType.forStatus(status);
		if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable ex) {
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
