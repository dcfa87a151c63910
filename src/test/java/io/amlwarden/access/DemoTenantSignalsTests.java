package io.amlwarden.access;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.amlwarden.simulator.DemoTenant;
import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access signals on the demo tenant ({@code docs/demo-tenant.md}): each signal fires
 * on the assignment built for it, an orphaned and a soft-deleted principal are told
 * apart, and nothing fires on the assignments of the clean workspaces.
 */
@WardenIntegrationTest
class DemoTenantSignalsTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Test
	void everySignalFiresOnItsDemoCaseAndNotOnTheCleanWorkspaces() {
		Http http = new Http(this.port);
		String operator = this.issuer.token("signals-" + UUID.randomUUID(), "Warden.Operator");
		String body = "{\"scope\":{\"subscriptionIds\":[\"" + String.join("\",\"", DemoTenant.SUBSCRIPTIONS) + "\"]}}";
		Response response = http.post("/api/v1/access-reviews/signal-scans", "application/json", body,
				Http.bearer(operator));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode signals = response.json().get("signals");
		for (String signal : List.of("rbac-owner-at-subscription", "rbac-sp-privileged-at-subscription",
				"rbac-guest-write-role", "rbac-custom-role-wildcard", "rbac-orphaned-assignment",
				"rbac-soft-deleted-principal", "rbac-missing-abac-condition", "rbac-direct-user-assignment")) {
			assertThat(signals.path(signal).asInt()).as(signal + " in " + signals).isPositive();
		}

		JsonNode open = findings(http, operator, "rbac-orphaned-assignment");
		assertThat(open.toString()).contains(DemoTenant.RESEARCH);
		JsonNode held = findings(http, operator, "rbac-soft-deleted-principal");
		assertThat(held.get("items").size()).isPositive();
		// the orphan is not the soft-deleted principal and vice versa
		assertThat(open.get("items").get(0).get("id").asString())
			.isNotEqualTo(held.get("items").get(0).get("id").asString());

		for (String subscription : DemoTenant.SUBSCRIPTIONS) {
			JsonNode all = http
				.get("/api/v1/findings?state=OPEN&size=200&subscription=" + subscription, Http.bearer(operator))
				.json();
			for (JsonNode finding : all.get("items")) {
				String resource = finding.get("resourceId").asString().toLowerCase(Locale.ROOT);
				if (finding.get("checkId").asString().startsWith("rbac-")) {
					assertThat(resource).as(finding.get("checkId").asString())
						.doesNotContain("/workspaces/ws-gold")
						.doesNotContain("/workspaces/ws-res-clean");
				}
			}
		}
	}

	private static JsonNode findings(Http http, String token, String check) {
		Response response = http.get("/api/v1/findings?check=" + check + "&size=200", Http.bearer(token));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

}
