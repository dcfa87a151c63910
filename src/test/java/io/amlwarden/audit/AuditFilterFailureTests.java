package io.amlwarden.audit;

import java.time.Clock;

import io.amlwarden.api.ProblemType;
import io.amlwarden.api.Problems;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * A mutating request whose audit event cannot be written is not acknowledged: the held
 * success is replaced by a 503 problem. Found by the database outage suite.
 */
class AuditFilterFailureTests {

	private final AuditTrail trail = mock(AuditTrail.class);

	private final Problems problems = mock(Problems.class);

	private final AuditFilter filter = new AuditFilter(this.trail, Clock.systemUTC(), this.problems);

	@Test
	void aSuccessIsNotSentWhenItsAuditEventIsLost() throws Exception {
		willThrow(new DataAccessResourceFailureException("database down")).given(this.trail).append(any());
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/scans");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> {
			((jakarta.servlet.http.HttpServletResponse) res).setStatus(202);
			res.getWriter().write("{\"id\":\"accepted\"}");
		});
		verify(this.problems).write(eq(ProblemType.SERVICE_UNAVAILABLE), anyString(), any(), any());
		assertThat(response.getContentAsString()).doesNotContain("accepted");
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
	}

	@Test
	void aRecordedSuccessIsSent() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/scans");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> {
			((jakarta.servlet.http.HttpServletResponse) res).setStatus(202);
			res.getWriter().write("{\"id\":\"accepted\"}");
		});
		verify(this.trail).append(any());
		verify(this.problems, never()).write(any(), anyString(), any(), any());
		assertThat(response.getStatus()).isEqualTo(202);
		assertThat(response.getContentAsString()).contains("accepted");
	}

}
