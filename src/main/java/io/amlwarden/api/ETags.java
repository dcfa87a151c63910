package io.amlwarden.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The one place that makes and checks entity tags. A tag is a digest of the JSON
 * representation (or of its {@link ETagSource}), so it changes exactly when what the
 * caller would see changes, whatever the resource stores. Handlers marked
 * {@link StrongETag} get the {@code ETag} header and {@code 304} for a matching
 * {@code If-None-Match}; writes check {@code If-Match} with {@link #checkIfMatch}:
 * {@code 412} for a tag that is no longer current, {@code 428} when a write that requires
 * one has none.
 */
@ControllerAdvice
public class ETags implements ResponseBodyAdvice<Object> {

	private final JsonMapper json;

	ETags(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The strong entity tag of a representation.
	 * @param representation what a GET answers
	 * @return the quoted tag
	 */
	public String tagOf(Object representation) {
		Object source = (representation instanceof ETagSource s) ? s.etagSource() : representation;
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(this.json.writeValueAsBytes(source));
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Checks a write's {@code If-Match} against the current representation.
	 * @param ifMatch the write's {@code If-Match} header
	 * @param current the representation a GET would answer now
	 * @param required whether the write must carry {@code If-Match}
	 * @throws ApiException 428 when required and missing, 412 when no tag listed is
	 * current
	 */
	public void checkIfMatch(@Nullable String ifMatch, Object current, boolean required) {
		if (ifMatch == null || ifMatch.isBlank()) {
			if (required) {
				throw new ApiException(ProblemType.PRECONDITION_REQUIRED,
						"This write requires If-Match with the ETag of the version it replaces; GET it first");
			}
			return;
		}
		if (!matches(ifMatch, tagOf(current), false)) {
			throw new ApiException(ProblemType.PRECONDITION_FAILED,
					"The resource changed since the ETag in If-Match was read; GET it again and retry");
		}
	}

	/**
	 * Whether a list of entity tags ({@code If-Match} or {@code If-None-Match}) names a
	 * tag.
	 * @param header the header value: {@code *} or comma-separated tags
	 * @param tag the current tag
	 * @param weak weak comparison (If-None-Match, RFC 9110 §13.1.2) or strong (If-Match)
	 * @return whether it matches
	 */
	static boolean matches(String header, String tag, boolean weak) {
		for (String candidate : header.split(",")) {
			String value = candidate.trim();
			if (value.equals("*")) {
				return true;
			}
			if (value.startsWith("W/")) {
				if (!weak) {
					continue;
				}
				value = value.substring(2);
			}
			if (value.equals(tag)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return returnType.hasMethodAnnotation(StrongETag.class);
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body == null || !MediaType.APPLICATION_JSON.isCompatibleWith(selectedContentType)) {
			return body;
		}
		String tag = tagOf(body);
		response.getHeaders().setETag(tag);
		String ifNoneMatch = request.getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH);
		boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
		if (read && ifNoneMatch != null && matches(ifNoneMatch, tag, true)) {
			response.setStatusCode(HttpStatus.NOT_MODIFIED);
			return null;
		}
		return body;
	}

}
