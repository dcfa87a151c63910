package io.amlwarden.api;

import java.util.List;

import io.amlwarden.security.WebSliceTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input gets a 4xx problem with a stable type and no internals;
 * unexpected failures get a generic 500 problem. A slice test: MVC, the advice and the
 * security rules only.
 */
@WebMvcTest(controllers = ProblemProbeController.class)
@Import({ ProblemProbeController.class, Problems.class, io.amlwarden.security.SecurityTestSupport.class })
@TestPropertySource(properties = { "warden.security.tenant-id=t", "warden.security.audiences=api://warden",
		"warden.security.authority-host=https://login.microsoftonline.com", "warden.security.max-request-body=2KB",
		"spring.jackson.deserialization.fail-on-unknown-properties=true" })
class ProblemDetailsTests extends WebSliceTest {

	@Test
	void validBodyIsAccepted() {
		assertThat(post("{\"name\":\"a\",\"count\":2,\"colour\":\"RED\",\"due\":\"2026-01-01T00:00:00Z\"}"))
			.hasStatusOk();
	}

	@Test
	void malformedJsonIsAProblem() {
		MvcTestResult result = post("{\"name\":");
		assertProblem(result, 400, "malformed-body");
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("The body is not well-formed JSON");
	}

	@Test
	void wrongTypeNamesTheField() {
		MvcTestResult result = post("{\"name\":\"a\",\"count\":\"many\",\"colour\":\"RED\"}");
		assertProblem(result, 400, "malformed-body");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("'count'").contains("integer");
	}

	@Test
	void unknownEnumValueListsTheAllowedValues() {
		MvcTestResult result = post("{\"name\":\"a\",\"count\":1,\"colour\":\"PURPLE\"}");
		assertProblem(result, 400, "malformed-body");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("colour").contains("RED");
	}

	@Test
	void unknownFieldIsRejected() {
		MvcTestResult result = post("{\"name\":\"a\",\"count\":1,\"colour\":\"RED\",\"admin\":true}");
		assertProblem(result, 400, "malformed-body");
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("Unknown field 'admin'");
	}

	@Test
	void badTimestampIsRejected() {
		assertProblem(post("{\"name\":\"a\",\"count\":1,\"colour\":\"RED\",\"due\":\"yesterday\"}"), 400,
				"malformed-body");
	}

	@Test
	void validationErrorsListEachField() {
		MvcTestResult result = post("{\"name\":\"\",\"count\":50,\"tags\":[\"\"]}");
		assertProblem(result, 400, "validation-failed");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("name", "count", "colour", "tags[0]");
	}

	@Test
	void emptyAndNonObjectBodiesAreRejected() {
		assertProblem(post(""), 400, "malformed-body");
		assertProblem(post("[1,2]"), 400, "malformed-body");
		assertProblem(post("null"), 400, "malformed-body");
	}

	@Test
	void wrongContentTypeIs415() {
		assertProblem(this.mvc.post()
			.uri("/api/v1/probe")
			.with(operator())
			.contentType(MediaType.TEXT_PLAIN)
			.content("hello")
			.exchange(), 415, "unsupported-media-type");
	}

	@Test
	void oversizedBodyIs413() {
		String huge = "{\"name\":\"" + "x".repeat(4096) + "\"}";
		assertProblem(post(huge), 413, "payload-too-large");
	}

	@Test
	void invalidPathAndQueryParametersAre400() {
		assertProblem(get("/api/v1/probe/not-a-uuid"), 400, "invalid-parameter");
		assertProblem(get("/api/v1/probe/3f2b8f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b?depth=99"), 400, "validation-failed");
		assertProblem(get("/api/v1/probe/3f2b8f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b?depth=abc"), 400, "invalid-parameter");
	}

	@Test
	void pagingIsBounded() {
		assertThat(get("/api/v1/probe/page?size=200")).hasStatusOk();
		assertProblem(get("/api/v1/probe/page?size=201"), 400, "validation-failed");
		assertProblem(get("/api/v1/probe/page?size=0"), 400, "validation-failed");
		assertProblem(get("/api/v1/probe/page?page=-1"), 400, "validation-failed");
		assertProblem(get("/api/v1/probe/page?page=x"), 400, "validation-failed");
	}

	@Test
	void missingResourceIs404Problem() {
		assertProblem(get("/api/v1/probe/00000000-0000-0000-0000-000000000001"), 404, "not-found");
		assertProblem(get("/api/v1/no-such-route"), 404, "not-found");
	}

	@Test
	void wrongMethodIs405WithAllow() {
		MvcTestResult result = this.mvc.delete().uri("/api/v1/probe/boom").with(operator()).exchange();
		assertProblem(result, 405, "method-not-allowed");
		assertThat(result).headers().containsHeader("Allow");
	}

	@Test
	void unexpectedFailureIsAGeneric500WithoutInternals() throws Exception {
		MvcTestResult result = get("/api/v1/probe/boom");
		assertProblem(result, 500, "internal-error");
		assertThat(result.getResponse().getContentAsString()).doesNotContain("jdbc")
			.doesNotContain("IllegalState")
			.doesNotContain("secret");
		assertThat(result).bodyJson().extractingPath("$.correlationId").isNotNull();
	}

	@Test
	void missingRoleIs403Problem() {
		assertProblem(get("/api/v1/probe/admin-only"), 403, "forbidden");
		assertProblem(this.mvc.post()
			.uri("/api/v1/probe")
			.with(reader())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"a\",\"count\":2,\"colour\":\"RED\"}")
			.exchange(), 403, "forbidden");
	}

	@Test
	void correlationIdIsEchoedWhenSafeAndReplacedWhenNot() {
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/probe/boom")
			.with(operator())
			.header("X-Request-Id", "abc-123")
			.exchange();
		assertThat(result).headers().hasValue("X-Request-Id", "abc-123");
		assertThat(result).bodyJson().extractingPath("$.correlationId").isEqualTo("abc-123");
		MvcTestResult forged = this.mvc.get()
			.uri("/api/v1/probe/boom")
			.with(operator())
			.header("X-Request-Id", "x\r\nInjected: yes")
			.exchange();
		assertThat(forged.getResponse().getHeader("X-Request-Id")).doesNotContain("Injected").hasSize(36);
		MvcTestResult traced = this.mvc.get()
			.uri("/api/v1/probe/boom")
			.with(operator())
			.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
			.exchange();
		assertThat(traced).headers().hasValue("X-Request-Id", "4bf92f3577b34da6a3ce929d0e0e4736");
	}

	private MvcTestResult post(String body) {
		return this.mvc.post()
			.uri("/api/v1/probe")
			.with(operator())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private static void assertProblem(MvcTestResult result, int status, String type) {
		assertThat(result).hasStatus(status);
		assertThat(result).contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:aml-warden:problem:" + type);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
		assertThat(result).bodyJson().extractingPath("$.title").isNotNull();
	}

	private static RequestPostProcessor operator() {
		return SecurityMockMvcRequestPostProcessors.jwt()
			.authorities(
					List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"), new SimpleGrantedAuthority("ROLE_READER")));
	}

}
