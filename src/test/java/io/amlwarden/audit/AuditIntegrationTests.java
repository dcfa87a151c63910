package io.amlwarden.audit;

import java.time.Instant;
import java.util.UUID;

import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.ServiceTest;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.SharedPostgres;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail end to end: refused and failed requests leave events, the search
 * filters them, and the database refuses to change them.
 */
@WardenIntegrationTest
class AuditIntegrationTests extends ServiceTest {

	private static final String AUDIT = "/api/v1/audit-events";

	Http http;

	String readerToken;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.readerToken = this.issuer.token("auditor-" + UUID.randomUUID(), "Warden.Reader");
	}

	@Test
	void deniedRequestLeavesAnAuditEvent() {
		String principal = UUID.randomUUID().toString();
		String requestId = "denied-" + UUID.randomUUID();
		Response denied = this.http.get(AUDIT, "Authorization", "Bearer " + this.issuer.token(principal, "Other.Role"),
				"X-Request-Id", requestId);
		assertThat(denied.status()).isEqualTo(403);

		JsonNode event = singleEvent("principal=" + principal);
		assertThat(event.get("outcome").asString()).isEqualTo("DENIED");
		assertThat(event.get("status").asInt()).isEqualTo(403);
		assertThat(event.get("method").asString()).isEqualTo("GET");
		assertThat(event.get("target").asString()).isEqualTo(AUDIT);
		assertThat(event.get("correlationId").asString()).isEqualTo(requestId);
		assertThat(event.get("principalAppId").asString()).isEqualTo("local-client");
		assertThat(event.get("clientAddress").asString()).isEqualTo("127.0.0.1");
	}

	@Test
	void unauthenticatedRequestLeavesAnAuditEvent() {
		String requestId = "anon-" + UUID.randomUUID();
		assertThat(this.http.get(AUDIT + "?size=1", "X-Request-Id", requestId).status()).isEqualTo(401);
		JsonNode events = search("outcome=UNAUTHENTICATED&size=200").get("items");
		assertThat(events.valueStream().filter((e) -> e.get("correlationId").asString().equals(requestId)))
			.singleElement()
			.satisfies((e) -> assertThat(e.get("principalId").asString()).isEqualTo("anonymous"));
	}

	@Test
	void failedMutatingRequestLeavesAnAuditEvent() {
		String principal = UUID.randomUUID().toString();
		Response failed = this.http.post(AUDIT, "application/json", "{}",
				Http.bearer(this.issuer.token(principal, "Warden.Admin")));
		assertThat(failed.status()).isEqualTo(405);
		JsonNode event = singleEvent("principal=" + principal);
		assertThat(event.get("method").asString()).isEqualTo("POST");
		assertThat(event.get("outcome").asString()).isEqualTo("REJECTED");
		assertThat(event.get("status").asInt()).isEqualTo(405);
		assertThat(event.get("roles").valueStream().map(JsonNode::asString)).contains("ADMIN", "READER");
	}

	@Test
	void mutatingRequestWithoutTokenIsAudited() {
		String requestId = "anon-post-" + UUID.randomUUID();
		assertThat(this.http.post("/api/v1/anything", "application/json", "{}", "X-Request-Id", requestId).status())
			.isEqualTo(401);
		JsonNode events = search("action=POST%20/api/v1/anything&size=200").get("items");
		assertThat(events.valueStream().filter((e) -> e.get("correlationId").asString().equals(requestId))).hasSize(1);
	}

	@Test
	void readsThatSucceedAreNotAudited() {
		String principal = UUID.randomUUID().toString();
		String token = this.issuer.token(principal, "Warden.Reader");
		assertThat(this.http.get(AUDIT, Http.bearer(token)).status()).isEqualTo(200);
		assertThat(search("principal=" + principal).get("totalItems").asInt()).isZero();
	}

	@Test
	void searchFiltersByTimeRangeAndPages() {
		String principal = UUID.randomUUID().toString();
		String token = this.issuer.token(principal, "No.Role");
		for (int i = 0; i < 3; i++) {
			this.http.get(AUDIT, Http.bearer(token));
		}
		JsonNode firstPage = search("principal=" + principal + "&size=2");
		assertThat(firstPage.get("totalItems").asInt()).isEqualTo(3);
		assertThat(firstPage.get("totalPages").asInt()).isEqualTo(2);
		assertThat(firstPage.get("items").size()).isEqualTo(2);
		JsonNode secondPage = search("principal=" + principal + "&size=2&page=1");
		assertThat(secondPage.get("items").size()).isEqualTo(1);
		// newest first, no overlap between pages
		long firstId = firstPage.get("items").get(1).get("id").asLong();
		long lastId = secondPage.get("items").get(0).get("id").asLong();
		assertThat(lastId).isLessThan(firstId);

		String future = Instant.now().plusSeconds(3600).toString();
		assertThat(search("principal=" + principal + "&from=" + future).get("totalItems").asInt()).isZero();
		assertThat(search("principal=" + principal + "&to=" + future).get("totalItems").asInt()).isEqualTo(3);
	}

	@Test
	void badFiltersAreProblems() {
		assertBadRequest(this.http.get(AUDIT + "?outcome=MAYBE", Http.bearer(this.readerToken)));
		assertBadRequest(this.http.get(AUDIT + "?from=yesterday", Http.bearer(this.readerToken)));
		assertBadRequest(this.http.get(AUDIT + "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
				Http.bearer(this.readerToken)));
		assertBadRequest(this.http.get(AUDIT + "?size=500", Http.bearer(this.readerToken)));
		assertBadRequest(this.http.get(AUDIT + "?principal=" + "x".repeat(300), Http.bearer(this.readerToken)));
	}

	@Test
	void databaseRefusesToChangeAuditRows() {
		this.http.get(AUDIT, Http.bearer(this.issuer.token(UUID.randomUUID().toString(), "No.Role")));
		// The service's role may not even ask (DatabaseRolesTests); the triggers refuse
		// the schema owner too.
		JdbcTemplate owner = new JdbcTemplate(new DriverManagerDataSource(SharedPostgres.wardenJdbcUrl(),
				SharedPostgres.OWNER_ROLE, SharedPostgres.ownerPassword()));
		assertThatThrownBy(() -> owner.update("UPDATE audit_event SET outcome = 'SUCCESS'"))
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> owner.update("DELETE FROM audit_event")).hasMessageContaining("append-only");
		assertThatThrownBy(() -> owner.execute("TRUNCATE audit_event")).hasMessageContaining("append-only");
	}

	private JsonNode singleEvent(String query) {
		JsonNode page = search(query);
		assertThat(page.get("totalItems").asInt()).as("events matching " + query).isEqualTo(1);
		return page.get("items").get(0);
	}

	private JsonNode search(String query) {
		Response response = this.http.get(AUDIT + "?" + query, Http.bearer(this.readerToken));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static void assertBadRequest(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

}
