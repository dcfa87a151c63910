package io.amlwarden.api;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The one place that builds problem details, for MVC handlers and for filters that answer
 * before MVC runs (authentication, body limits). Every problem carries the stable type,
 * the fixed title, the request path as {@code instance} and the correlation id.
 */
@Component
public class Problems {

	private final JsonMapper jsonMapper;

	Problems(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * A problem for a request.
	 * @param type the kind of problem
	 * @param detail what went wrong, written for the caller
	 * @param request the request, for {@code instance} and the correlation id
	 * @return the problem detail
	 */
	public static ProblemDetail create(ProblemType type, String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
		problem.setType(type.type());
		problem.setTitle(type.title());
		problem.setInstance(safeInstance(request));
		String correlationId = CorrelationId.of(request);
		if (correlationId != null) {
			problem.setProperty("correlationId", correlationId);
		}
		return problem;
	}

	/**
	 * Writes a problem straight to the response, for code that runs outside Spring MVC.
	 * @param type the kind of problem
	 * @param detail what went wrong
	 * @param request the request
	 * @param response the response, not yet committed
	 * @throws IOException if the response cannot be written
	 */
	public void write(ProblemType type, String detail, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		ProblemDetail problem = create(type, detail, request);
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.jsonMapper.writeValue(response.getOutputStream(), asMap(problem));
	}

	private static Map<String, Object> asMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

	// The path is echoed back to the caller: keep it a plain, bounded, relative URI so
	// that a hostile path cannot inject anything into the response.
	private static URI safeInstance(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (path == null || path.length() > 512) {
			return URI.create("/");
		}
		try {
			URI uri = new URI(null, null, path, null);
			return URI.create(uri.getRawPath());
		}
		catch (Exception ex) {
			return URI.create("/");
		}
	}

}
