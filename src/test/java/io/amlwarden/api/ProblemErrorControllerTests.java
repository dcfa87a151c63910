package io.amlwarden.api;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationServiceException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures outside MVC: a token that cannot be checked because the identity provider is
 * unreachable is a 503, not a 500. Found by the reliability suites (JWKS unreachable).
 */
class ProblemErrorControllerTests {

	private final ProblemErrorController controller = new ProblemErrorController();

	@Test
	void tokenValidationOutageIsServiceUnavailable() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new jakarta.servlet.ServletException(
				new AuthenticationServiceException("An error occurred while attempting to decode the Jwt")));
		ResponseEntity<ProblemDetail> response = this.controller.error(request);
		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(response.getBody().getType()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE.type());
		assertThat(response.getBody().getDetail()).doesNotContain("Jwt");
	}

	@Test
	void otherFailuresStayInternalErrors() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("boom"));
		ResponseEntity<ProblemDetail> response = this.controller.error(request);
		assertThat(response.getStatusCode().value()).isEqualTo(500);
		assertThat(response.getBody().getDetail()).doesNotContain("boom");
	}

}
