package io.amlwarden.posture;

import io.amlwarden.api.Problems;
import io.amlwarden.security.SecurityTestSupport;
import io.amlwarden.security.WebSliceTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue API: MVC, the problem advice and the security rules, with the real
 * catalogue.
 */
@WebMvcTest(controllers = CheckController.class)
@Import({ CheckController.class, Problems.class, SecurityTestSupport.class,
		CheckControllerTests.CatalogueConfiguration.class })
@TestPropertySource(properties = { "warden.security.tenant-id=t", "warden.security.audiences=api://warden",
		"warden.security.authority-host=https://login.microsoftonline.com" })
class CheckControllerTests extends WebSliceTest {

	@Test
	void listsTheWholeCatalogueOrderedById() {
		MvcTestResult result = get("/api/v1/checks?size=200");
		assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().extractingPath("$.totalItems").asNumber().isEqualTo(Catalogue.checks().size());
		assertThat(result).bodyJson().extractingPath("$.items[0].id").isEqualTo("acr-admin-disabled");
		assertThat(result).bodyJson()
			.extractingPath("$.items[?(@.id == 'kv-purge-protection')].policyDefinitionIds[0]")
			.asArray()
			.containsExactly("0b60c0b2-2dc2-4e1c-b5c9-abbed971de53");
	}

	@Test
	void filtersByCategorySeverityProfileAndResourceType() {
		MvcTestResult result = get("/api/v1/checks?category=network&severity=High&profile=baseline"
				+ "&resourceType=microsoft.keyvault/VAULTS");
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.containsExactly("kv-public-network-disabled");
	}

	@Test
	void regulatedProfileFilterIncludesTheCustomerManagedKeyChecks() {
		MvcTestResult result = get("/api/v1/checks?profile=REGULATED&category=ENCRYPTION&size=200");
		assertThat(result).bodyJson().extractingPath("$.items[*].id").asArray().contains("aml-ws-cmk", "st-cmk");
		MvcTestResult baseline = get("/api/v1/checks?profile=BASELINE&category=ENCRYPTION&size=200");
		assertThat(baseline).bodyJson().extractingPath("$.items[*].id").asArray().doesNotContain("aml-ws-cmk");
	}

	@Test
	void pagesThroughTheCatalogue() {
		MvcTestResult result = get("/api/v1/checks?page=1&size=10");
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.items").asArray().hasSize(10);
		assertThat(result).bodyJson().extractingPath("$.page").asNumber().isEqualTo(1);
		assertThat(result).bodyJson()
			.extractingPath("$.totalPages")
			.asNumber()
			.isEqualTo((Catalogue.checks().size() + 9) / 10);
		assertThat(get("/api/v1/checks?page=99&size=10")).bodyJson().extractingPath("$.items").asArray().isEmpty();
	}

	@Test
	void showsOneCheckIgnoringCase() {
		MvcTestResult result = get("/api/v1/checks/KV-Purge-Protection");
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.id").isEqualTo("kv-purge-protection");
		assertThat(result).bodyJson().extractingPath("$.severity").isEqualTo("HIGH");
		assertThat(result).bodyJson().extractingPath("$.cisControl").isEqualTo("CIS Azure 2.0.0 8.5");
		assertThat(result).bodyJson().extractingPath("$.remediationCli").asString().startsWith("az keyvault update");
	}

	@Test
	void unknownCheckIsA404Problem() {
		MvcTestResult result = get("/api/v1/checks/no-such-check");
		assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.type").asString().endsWith("not-found");
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("Check 'no-such-check' does not exist");
	}

	@Test
	void invalidFilterIsA400Problem() {
		MvcTestResult result = get("/api/v1/checks?severity=URGENT");
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("CRITICAL, HIGH");
	}

	@Test
	void requiresAToken() {
		assertThat(this.mvc.get().uri("/api/v1/checks").exchange()).hasStatus(401);
	}

	@Test
	void requiresTheReaderRole() {
		RequestPostProcessor noRole = SecurityMockMvcRequestPostProcessors.jwt();
		assertThat(this.mvc.get().uri("/api/v1/checks").with(noRole).exchange()).hasStatus(403);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CatalogueConfiguration {

		@Bean
		PostureEvaluator postureEvaluator() {
			return Catalogue.evaluator();
		}

	}

}
