package io.amlwarden.reliability;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import io.amlwarden.reliability.ApiOperations.Operation;
import io.amlwarden.reliability.ApiOperations.Parameter;
import io.amlwarden.simulator.DemoTenant;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code /api} operation of the OpenAPI document × {no token, expired token, token
 * for another audience, token of a client application not on the allow-list, token
 * without a Warden role, Reader, Operator, Reviewer, Admin}: 401 without a valid token,
 * 403 for a role that does not imply the operation's {@code x-required-role}, and neither
 * for one that does (Admin implies every role; Operator and Reviewer imply Reader).
 * Bodies are deliberately invalid ({@code {}}) and ids random, so a permitted call ends
 * in 400/404 without changing anything, and a refused one proves the role is checked
 * before the input is.
 */
@WardenIntegrationTest
class AuthorizationMatrixTests {

	static final List<String> ROLES = List.of("Warden.Reader", "Warden.Operator", "Warden.Reviewer", "Warden.Admin");

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Test
	void everyOperationAnswersEveryCallerAsItsRoleRequires() {
		Http http = new Http(this.port);
		List<Operation> operations = ApiOperations.of(http.get("/v3/api-docs").json()).all();
		assertThat(operations).hasSizeGreaterThan(20);
		assertThat(operations).allSatisfy((op) -> assertThat(op.requiredRole()).as(op.toString()).isIn(ROLES));

		Map<String, String> unauthenticated = new LinkedHashMap<>();
		unauthenticated.put("no token", null);
		unauthenticated.put("expired", expired());
		unauthenticated.put("wrong audience", this.issuer
			.sign(new JWTClaimsSet.Builder(claims("Warden.Admin")).audience("api://another-api").build()));
		unauthenticated.put("unknown key", this.issuer.signWithUnknownKey(claims("Warden.Admin")));
		unauthenticated.put("alg none", LocalTokenIssuer.unsigned(claims("Warden.Admin")));
		// warden.security.allowed-client-app-ids lists only the local issuer's client.
		unauthenticated.put("client not allowed", this.issuer
			.sign(new JWTClaimsSet.Builder(claims("Warden.Admin")).claim("azp", "another-client").build()));
		Map<String, String> roles = new LinkedHashMap<>();
		roles.put("no Warden role", this.issuer.token("matrix-" + UUID.randomUUID(), "Other.Role"));
		for (String role : ROLES) {
			roles.put(role, this.issuer.token("matrix-" + UUID.randomUUID(), role));
		}

		SoftAssertions softly = new SoftAssertions();
		int cells = 0;
		for (Operation operation : operations) {
			String uri = uri(operation);
			String body = (operation.contentType() != null) ? "{}" : "";
			for (Map.Entry<String, String> caller : unauthenticated.entrySet()) {
				Response response = send(http, operation, uri, body, caller.getValue());
				cells++;
				String what = operation + " as " + caller.getKey();
				softly.assertThat(response.status()).as(what).isEqualTo(401);
				softly.assertThat(response.header("WWW-Authenticate")).as(what).startsWith("Bearer");
				softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
			}
			for (Map.Entry<String, String> caller : roles.entrySet()) {
				Response response = send(http, operation, uri, body, caller.getValue());
				cells++;
				String what = operation + " as " + caller.getKey() + " (requires " + operation.requiredRole() + ")";
				if (HostileInputTests.permitted(caller.getKey(), operation.requiredRole())) {
					softly.assertThat(response.status()).as(what).isNotIn(401, 403).isBetween(200, 499);
				}
				else {
					softly.assertThat(response.status()).as(what).isEqualTo(403);
					softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
					softly.assertThat(response.body()).as(what).contains("urn:aml-warden:problem:forbidden");
				}
			}
		}
		softly.assertAll();
		assertThat(cells).isEqualTo(operations.size() * 11);
		Reliability.record("authorization-matrix", Map.of("operations", operations.size(), "cells", cells));
	}

	/**
	 * The rotation approval rule on top of the roles: an Operator may manage rotation
	 * policies, but only an Admin may write one without approval or delete one that
	 * requires it; the refusal is a 403 problem naming the rule.
	 */
	@Test
	void rotationPoliciesWithoutApprovalAreForAdminsOnly() {
		Http http = new Http(this.port);
		String operator = Http.bearer(this.issuer.token("matrix-op-" + UUID.randomUUID(), "Warden.Operator"))[1];
		String admin = Http.bearer(this.issuer.token("matrix-admin-" + UUID.randomUUID(), "Warden.Admin"))[1];
		String workspace = DemoTenant.workspaceId(DemoTenant.DEV, "rg-ml-dev", "ws-dev-internet");
		String unapproved = "{\"name\":\"matrix\",\"workspaceId\":\"" + workspace
				+ "\",\"rotationPeriod\":\"P180D\",\"approvalRequired\":false}";
		String approved = unapproved.replace("\"approvalRequired\":false", "\"approvalRequired\":true");

		Response refused = http.post("/api/v1/rotation-policies", "application/json", unapproved, "Authorization",
				operator);
		assertThat(refused.status()).as(refused.body()).isEqualTo(403);
		assertThat(refused.body()).contains("urn:aml-warden:problem:forbidden").contains("warden.rotation.approval");
		Response byAdmin = http.post("/api/v1/rotation-policies", "application/json", unapproved, "Authorization",
				admin);
		assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(201);
		String id = byAdmin.json().get("id").asString();
		String etag = http.get("/api/v1/rotation-policies/" + id, "Authorization", operator).header("ETag");
		assertThat(http
			.send("PUT", "/api/v1/rotation-policies/" + id, "application/json", unapproved, "Authorization", operator,
					"If-Match", etag)
			.status()).isEqualTo(403);
		assertThat(http
			.send("DELETE", "/api/v1/rotation-policies/" + id, "application/json", "", "Authorization", operator)
			.status()).isEqualTo(204);

		Response gated = http.post("/api/v1/rotation-policies", "application/json", approved, "Authorization",
				operator);
		assertThat(gated.status()).as(gated.body()).isEqualTo(201);
		String gatedId = gated.json().get("id").asString();
		Response keep = http.send("DELETE", "/api/v1/rotation-policies/" + gatedId, "application/json", "",
				"Authorization", operator);
		assertThat(keep.status()).isEqualTo(403);
		assertThat(keep.body()).contains("warden.rotation.approval");
		assertThat(http
			.send("DELETE", "/api/v1/rotation-policies/" + gatedId, "application/json", "", "Authorization", admin)
			.status()).isEqualTo(204);
	}

	private static Response send(Http http, Operation operation, String uri, String body, String token) {
		String[] headers = (token != null) ? Http.bearer(token) : new String[0];
		return http.send(operation.method(), uri,
				(operation.contentType() != null) ? operation.contentType() : "application/json", body, headers);
	}

	private static String uri(Operation operation) {
		String path = operation.path();
		for (Parameter parameter : operation.in("path")) {
			path = path.replace("{" + parameter.name() + "}", HostileInputTests.encode(parameter.sample()));
		}
		return path + HostileInputTests.baselineQuery(operation);
	}

	private JWTClaimsSet claims(String role) {
		return this.issuer.claims("matrix-" + UUID.randomUUID(), List.of(role)).build();
	}

	private String expired() {
		Instant past = Instant.now().minusSeconds(7200);
		return this.issuer.sign(new JWTClaimsSet.Builder(claims("Warden.Admin")).issueTime(Date.from(past))
			.notBeforeTime(Date.from(past))
			.expirationTime(Date.from(past.plusSeconds(600)))
			.build());
	}

}
