package io.amlwarden.audit;

import java.io.IOException;
import java.time.Clock;
import java.util.Set;

import io.amlwarden.api.CorrelationId;
import io.amlwarden.api.ProblemType;
import io.amlwarden.api.Problems;
import io.amlwarden.security.CallerIdentity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every mutating request and every 401/403, after the response status is known.
 * Sits outside the security filter chain so that requests refused there are recorded too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuditFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

	private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final AuditTrail trail;

	private final Clock clock;

	private final Problems problems;

	AuditFilter(AuditTrail trail, Clock clock, Problems problems) {
		this.trail = trail;
		this.clock = clock;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean mutating = MUTATING.contains(request.getMethod());
		ContentCachingResponseWrapper held = mutating ? new ContentCachingResponseWrapper(response) : null;
		boolean failed = false;
		try {
			chain.doFilter(request, (held != null) ? held : response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			failed = true;
			throw ex;
		}
		finally {
			int status = (failed && response.getStatus() < 400) ? 500 : response.getStatus();
			boolean recorded = true;
			if (mutating || status == 401 || status == 403) {
				recorded = record(request, status);
			}
			if (held != null && !failed) {
				if (!recorded && status < 400 && !response.isCommitted()) {
					// Never acknowledge a change the trail does not hold: the caller gets
					// 503 instead of the held success (the change itself may have been
					// applied).
					unavailable(request, response, held);
				}
				else {
					held.copyBodyToResponse();
				}
			}
		}
	}

	private void unavailable(HttpServletRequest request, HttpServletResponse response,
			ContentCachingResponseWrapper held) throws IOException {
		String correlationId = response.getHeader(CorrelationId.HEADER);
		held.resetBuffer();
		response.reset();
		if (correlationId != null) {
			response.setHeader(CorrelationId.HEADER, correlationId);
		}
		response.setHeader("Retry-After", "5");
		this.problems.write(ProblemType.SERVICE_UNAVAILABLE,
				"The audit trail is unavailable; the outcome of this request is unknown, check before retrying",
				request, response);
	}

	private boolean record(HttpServletRequest request, int status) {
		String path = sanitize(request.getRequestURI());
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String route = (pattern instanceof String template) ? template : path;
		String correlationId = CorrelationId.of(request);
		AuditRecord record = new AuditRecord(this.clock.instant(), CallerIdentity.of(request), request.getMethod(),
				request.getMethod() + " " + route, path, AuditOutcome.ofStatus(status), status,
				(correlationId != null) ? correlationId : "none", request.getRemoteAddr());
		try {
			this.trail.append(record);
			return true;
		}
		catch (RuntimeException ex) {
			// Losing the row must at least be loud; a held success is not sent (see
			// above).
			log.error("Could not append audit event for {} (status {})", record.action(), status, ex);
			return false;
		}
	}

	// Paths come from the caller: strip anything that is not printable so a stored path
	// cannot carry control characters into logs or exports.
	private static String sanitize(String path) {
		String printable = path.replaceAll("[^\\p{Graph}]", "_");
		return (printable.length() > 1024) ? printable.substring(0, 1024) : printable;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

}
