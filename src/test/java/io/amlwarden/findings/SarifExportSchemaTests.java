package io.amlwarden.findings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.amlwarden.findings.Observation.Outcome;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real SARIF exports validated against the official OASIS SARIF 2.1.0 JSON schema
 * ({@code src/test/resources/schemas/sarif-schema-2.1.0.json}, see the README beside it):
 * open, resolved and suppressed findings of several checks, with and without filters, and
 * an empty export.
 */
@WardenIntegrationTest
class SarifExportSchemaTests extends FindingsHttpTest {

	private static final Schema SARIF = sarifSchema();

	@BeforeEach
	void setUp() {
		// A second complete scan sees kv-a fixed, so its finding is RESOLVED.
		scan(Instant.now().minus(1, ChronoUnit.HOURS), Outcome.FAIL);
		scan(Instant.now(), Outcome.PASS);
		suppress("st-min-tls-1-2");
	}

	@Test
	void exportsWithAndWithoutFiltersAreValidSarif() {
		JsonNode all = export("");
		assertValid(all);
		JsonNode results = all.at("/runs/0/results");
		assertThat(results.size()).isEqualTo(5);
		assertThat(all.at("/runs/0/tool/driver/rules").size()).isEqualTo(4);
		assertThat(results.valueStream().map((r) -> r.at("/properties/state").asString()))
			.containsExactlyInAnyOrder("OPEN", "OPEN", "OPEN", "RESOLVED", "SUPPRESSED");
		for (JsonNode result : results) {
			switch (result.at("/properties/state").asString()) {
				// SARIF 2.1.0 §3.27.10: a result whose kind is not "fail" has level
				// "none".
				case "RESOLVED" -> assertThat(result.get("kind").asString() + "/" + result.get("level").asString())
					.isEqualTo("pass/none");
				case "SUPPRESSED" -> {
					assertThat(result.at("/suppressions/0/kind").asString()).isEqualTo("external");
					assertThat(result.at("/suppressions/0/status").asString()).isEqualTo("accepted");
					assertThat(result.at("/suppressions/0/properties/suppressionId").asString()).isNotBlank();
				}
				default -> assertThat(result.get("kind").asString()).isEqualTo("fail");
			}
		}

		Map<String, Integer> expected = new LinkedHashMap<>();
		expected.put("&severity=HIGH", 2);
		expected.put("&state=SUPPRESSED", 1);
		expected.put("&state=RESOLVED", 1);
		expected.put("&check=kv-purge-protection", 2);
		expected.put("&category=encryption", 3);
		expected.put("&workspace=" + this.fixtures.workspace(), 5);
		expected.put("&resource=" + this.fixtures.vault("kv-b"), 1);
		expected.put("&changedSince=" + Instant.now().plus(1, ChronoUnit.DAYS), 0);
		expected.forEach((filter, count) -> {
			JsonNode filtered = export(filter);
			assertValid(filtered);
			assertThat(filtered.at("/runs/0/results").size()).as(filter).isEqualTo(count);
		});
	}

	@Test
	void anEmptyExportIsValidSarif() {
		JsonNode empty = this.exportOf("?format=sarif&subscription=" + UUID.randomUUID());
		assertValid(empty);
		assertThat(empty.at("/runs/0/results").isArray()).isTrue();
		assertThat(empty.at("/runs/0/results").size()).isZero();
		assertThat(empty.at("/runs/0/tool/driver/rules").size()).isZero();
	}

	@Test
	void theSchemaRejectsWhatSarifForbids() {
		// Guards the guard: if the schema or validator were inert, the tests above would
		// pass whatever the export wrote.
		JsonNode log = export("");
		ObjectNode result = (ObjectNode) log.at("/runs/0/results/0");
		result.put("level", "critical");
		result.remove("message");
		((ObjectNode) log).put("version", "2.2.0");
		List<Error> errors = SARIF.validate(log);
		assertThat(errors).extracting(Error::getKeyword).contains("enum", "required");
	}

	private JsonNode export(String filters) {
		return exportOf("?format=sarif&subscription=" + this.subscription + filters);
	}

	private JsonNode exportOf(String query) {
		Response response = this.http.get("/api/v1/findings/export" + query, Http.bearer(this.reader));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static void assertValid(JsonNode log) {
		List<Error> errors = SARIF.validate(log);
		assertThat(errors).as("SARIF 2.1.0 schema violations in %s", log).isEmpty();
	}

	private void scan(Instant at, Outcome kvA) {
		this.ledger.record(UUID.randomUUID(), at,
				new ScanCoverage(true, Set.of(this.subscription), Set.of(), Set.of(),
						Set.of("kv-purge-protection", "st-min-tls-1-2", "aml-ws-cmk", "kv-key-expiry-set")),
				List.of(this.fixtures.observation("kv-purge-protection", "HIGH", "ENCRYPTION",
						this.fixtures.vault("kv-a"), kvA),
						this.fixtures.observation("kv-purge-protection", "HIGH", "ENCRYPTION",
								this.fixtures.vault("kv-b"), Outcome.FAIL),
						this.fixtures.observation("st-min-tls-1-2", "MEDIUM", "NETWORK", this.fixtures.storage("sta"),
								Outcome.FAIL),
						this.fixtures.observation("aml-ws-cmk", "CRITICAL", "ENCRYPTION", this.fixtures.workspace(),
								Outcome.FAIL),
						this.fixtures.observation("kv-key-expiry-set", "LOW", "DATA_PROTECTION",
								this.fixtures.vault("kv-a") + "/keys/cmk", Outcome.FAIL)));
	}

	private void suppress(String checkId) {
		String operator = this.issuer.token("operator-" + UUID.randomUUID(), "Warden.Operator");
		String admin = this.issuer.token("admin-" + UUID.randomUUID(), "Warden.Admin");
		String body = """
				{"type":"MITIGATED","justification":"TLS is enforced at the gateway",
				 "expiresAt":"%s","checkId":"%s","scopePrefix":"/subscriptions/%s"}"""
			.formatted(Instant.now().plus(30, ChronoUnit.DAYS), checkId, this.subscription);
		Response created = this.http.post("/api/v1/suppressions", "application/json", body, Http.bearer(operator));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		Response approved = this.http.post("/api/v1/suppressions/" + created.json().get("id").asString() + "/approve",
				"application/json", "", Http.bearer(admin));
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
	}

	private static Schema sarifSchema() {
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, (builder) -> builder
			.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
		try (InputStream in = SarifExportSchemaTests.class.getClassLoader()
			.getResourceAsStream("schemas/sarif-schema-2.1.0.json")) {
			return registry.getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
