package io.amlwarden.posture.compliance;

import java.util.Map;

import io.amlwarden.api.Problems;
import io.amlwarden.audit.AuditTrail;
import io.amlwarden.security.SecurityTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The compliance API over the committed mapping, with stored result counts stubbed.
 */
@WebMvcTest(controllers = ComplianceController.class)
@Import({ ComplianceController.class, ComplianceFrameworks.class, Problems.class, SecurityTestSupport.class })
@TestPropertySource(properties = { "warden.security.tenant-id=t", "warden.security.audiences=api://warden",
		"warden.security.authority-host=https://login.microsoftonline.com" })
class ComplianceControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	JwtDecoder jwtDecoder;

	@MockitoBean
	AuditTrail auditTrail;

	@MockitoBean
	ComplianceResults results;

	@BeforeEach
	void results() {
		given(this.results.byCheck("sub-1"))
			.willReturn(Map.of("kv-purge-protection", new ComplianceResults.Counts(3, 2, 1, 0)));
	}

	@Test
	void listsTheFrameworks() {
		MvcTestResult result = get("/api/v1/compliance/frameworks");
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$[*].id").asArray().hasSize(4).contains("pci-dss-4.0.1");
		assertThat(result).bodyJson()
			.extractingPath("$[0].source.commit")
			.isEqualTo("f4a50bacae07ddb096943c597669bcae494a6e29");
	}

	@Test
	void countsEachControlsChecksForASubscription() {
		MvcTestResult result = get("/api/v1/compliance/nist-sp-800-53-r5?subscription=sub-1");
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson()
			.extractingPath("$.controls[?(@.id == 'NIST_SP_800-53_R5_CP-9')].checks[0].counts.fail")
			.asArray()
			.containsExactly(2);
		assertThat(result).bodyJson()
			.extractingPath("$.controls[?(@.id == 'NIST_SP_800-53_R5_CP-9')].counts.pass")
			.asArray()
			.containsExactly(3);
	}

	@Test
	void exportsCsv() {
		for (String uri : new String[] { "/api/v1/compliance/NIST-SP-800-53-R5/export?subscription=sub-1",
				"/api/v1/compliance/nist-sp-800-53-r5/export?subscription=sub-1" }) {
			MvcTestResult result = get(uri);
			assertThat(result).as(uri).hasStatusOk();
			assertThat(result.getResponse().getContentType()).as(uri).startsWith("text/csv");
			assertThat(result).body()
				.asString()
				.startsWith("framework,control,controlTitle,check,pass,fail,unknown,notApplicable\n")
				.contains(
						"nist-sp-800-53-r5,NIST_SP_800-53_R5_CP-9,NIST_SP_800-53_R5_CP-9,kv-purge-protection,3,2,1,0");
		}
	}

	@Test
	void unknownFrameworkIsA404Problem() {
		MvcTestResult result = get("/api/v1/compliance/sox");
		assertThat(result).hasStatus(404);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
	}

	@Test
	void requiresTheReaderRole() {
		assertThat(this.mvc.get().uri("/api/v1/compliance/frameworks").exchange()).hasStatus(401);
		RequestPostProcessor noRole = SecurityMockMvcRequestPostProcessors.jwt();
		assertThat(this.mvc.get().uri("/api/v1/compliance/frameworks").with(noRole).exchange()).hasStatus(403);
	}

	private MvcTestResult get(String uri) {
		return this.mvc.get()
			.uri(uri)
			.with(SecurityMockMvcRequestPostProcessors.jwt().authorities(new SimpleGrantedAuthority("ROLE_READER")))
			.exchange();
	}

}
