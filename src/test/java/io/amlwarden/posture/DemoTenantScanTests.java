package io.amlwarden.posture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.amlwarden.simulator.DemoTenant;
import io.amlwarden.scans.InventoryStore;
import io.amlwarden.support.Http;
import io.amlwarden.support.StatementCounter;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan of the demo tenant ({@code docs/demo-tenant.md}): a finding for each
 * mis-configured case, none on the resources of the well-configured workspaces, and a
 * second scan that changes nothing.
 */
@WardenIntegrationTest
class DemoTenantScanTests {

	/**
	 * (check, resource name) pairs the demo tenant must produce, one or more per case
	 * row.
	 */
	private static final List<String[]> EXPECTED = List.of(
			new String[] { "aml-ws-public-network-disabled", "ws-dev-open" },
			new String[] { "aml-ws-cmk", "ws-dev-open" }, new String[] { "aml-ws-identity-datastores", "ws-dev-open" },
			new String[] { "aml-cmp-local-auth-disabled", "ci-open" },
			new String[] { "aml-cmp-no-public-ip-ssh", "ci-open" }, new String[] { "aml-ci-idle-shutdown", "ci-open" },
			new String[] { "aml-endpoint-aad-auth", "ep-open" },
			new String[] { "appi-local-auth-disabled", "appi-ws-dev-open" },
			new String[] { "kv-soft-delete", "kvwsdevweakvault" },
			new String[] { "kv-purge-protection", "kvwsdevweakvault" },
			new String[] { "kv-rbac-model", "kvwsdevweakvault" },
			new String[] { "kv-firewall-default-deny", "kvwsdevweakvault" },
			new String[] { "kv-key-expiry-set", "cmk" }, new String[] { "kv-key-rotation-policy", "cmk" },
			new String[] { "st-https-only", "stwsdevstorage" }, new String[] { "st-min-tls-1-2", "stwsdevstorage" },
			new String[] { "st-shared-key-disabled", "stwsdevstorage" },
			new String[] { "acr-admin-disabled", "crwsdevstorage" },
			new String[] { "acr-anonymous-pull-disabled", "crwsdevstorage" },
			new String[] { "aml-ws-managed-vnet-approved-outbound", "ws-dev-internet" },
			new String[] { "aml-ws-private-link", "ws-dev-internet" },
			new String[] { "aml-ws-service-side-cmk-blocks-rotation", "ws-res-servicecmk" },
			new String[] { "st-cmk-key-autoupdate", "stwsrespinned" },
			new String[] { "aml-ws-cmk-key-healthy", "ws-cmk-elsewhere" },
			new String[] { "aml-ws-public-network-disabled", "ws-res-legacy" },
			new String[] { "st-trusted-services-bypass", "stwsdevstorage" },
			new String[] { "st-key-expiration-policy", "stwsdevstorage" },
			new String[] { "st-sas-expiration-policy", "stwsdevstorage" },
			new String[] { "acr-export-disabled", "crwsdevstorage" },
			new String[] { "acr-arm-audience-tokens", "crwsdevstorage" },
			new String[] { "aml-cmp-min-nodes-zero", "cluster-open" }, new String[] { "kv-key-expires-soon", "cmk" },
			new String[] { "law-local-auth-disabled", "law-central" },
			new String[] { "law-public-ingestion-disabled", "law-central" },
			new String[] { "law-public-query-disabled", "law-central" });

	/**
	 * Resources of the well-configured workspaces: none may have a finding of its own.
	 */
	private static final List<String> CLEAN = List.of("/workspaces/ws-gold", "/vaults/kvwsgold",
			"/storageaccounts/stwsgold", "/registries/crwsgold", "/workspaces/ws-hub", "/workspaces/ws-project",
			"/workspaces/ws-res-clean", "/vaults/kvwsresclean", "/storageaccounts/stwsresclean",
			"/registries/crwsresclean");

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Test
	void demoScanFindsEveryMisconfigurationAndNothingOnTheCleanWorkspaces() {
		Http http = new Http(this.port);
		String operator = this.issuer.token("demo-" + UUID.randomUUID(), "Warden.Operator");
		JsonNode first = scan(http, operator);
		assertThat(first.get("state").asString()).as(first.toString()).isIn("SUCCEEDED", "PARTIAL");
		assertThat(first.at("/counts/workspaces").asInt()).isEqualTo(13);

		List<JsonNode> open = new ArrayList<>();
		for (String subscription : DemoTenant.SUBSCRIPTIONS) {
			for (int page = 0;; page++) {
				JsonNode items = get(http, operator,
						"/api/v1/findings?state=OPEN&size=200&page=" + page + "&subscription=" + subscription)
					.get("items");
				items.forEach(open::add);
				if (items.size() < 200) {
					break;
				}
			}
		}
		List<String> missing = new ArrayList<>();
		for (String[] expected : EXPECTED) {
			boolean found = open.stream()
				.anyMatch((f) -> f.get("checkId").asString().equals(expected[0])
						&& f.get("resourceId").asString().toLowerCase(Locale.ROOT).endsWith("/" + expected[1]));
			if (!found) {
				missing.add(expected[0] + " on " + expected[1]);
			}
		}
		assertThat(missing).as("expected findings").isEmpty();
		List<String> onClean = open.stream()
			.map((f) -> f.get("checkId").asString() + " on " + f.get("resourceId").asString())
			.filter((text) -> CLEAN.stream().anyMatch((suffix) -> text.toLowerCase(Locale.ROOT).endsWith(suffix)))
			.toList();
		assertThat(onClean).as("findings on well-configured resources").isEmpty();
		assertThat(open.stream()
			.filter((f) -> f.get("checkId").asString().equals("st-min-tls-1-2"))
			.map((f) -> f.get("resourceId").asString())).as("TLS 1.3 passes a TLS 1.2-or-higher check")
			.noneMatch((id) -> id.toLowerCase(Locale.ROOT).endsWith("/stwsrespinned"));

		JsonNode second = scan(http, operator);
		assertThat(second.at("/counts/findingsOpened").asInt()).isZero();
		assertThat(second.at("/counts/findingsResolved").asInt()).isZero();
	}

	/**
	 * An empty body scans warden.azure.subscriptions (the demo tenant's) with each
	 * subscription's configured profile, BASELINE here: key hygiene is judged, CMK
	 * adoption is not. The keys page then lists the demo CMKs from the stored inventory,
	 * with as many statements for a page of 200 as for a page of 1.
	 */
	@Test
	void emptyBodyScanJudgesKeyHygieneInBaselineAndFillsTheKeysPage() {
		Http http = new Http(this.port);
		String operator = this.issuer.token("demo-" + UUID.randomUUID(), "Warden.Operator");
		JsonNode scan = awaitScan(http, operator,
				http.post("/api/v1/scans", "application/json", "", Http.bearer(operator)));
		assertThat(scan.at("/counts/workspaces").asInt()).as(scan.toString()).isEqualTo(13);

		UUID weakVault = InventoryStore.workspaceId("/subscriptions/" + DemoTenant.SUBSCRIPTIONS.get(1)
				+ "/resourceGroups/rg-ml-dev/providers/Microsoft.MachineLearningServices/workspaces/ws-dev-weakvault");
		JsonNode results = get(http, operator, "/api/v1/workspaces/" + weakVault + "/posture").get("results");
		List<String> failed = new ArrayList<>();
		List<String> checks = new ArrayList<>();
		results.forEach((r) -> {
			checks.add(r.get("checkId").asString());
			if (r.get("status").asString().equals("FAIL")) {
				failed.add(r.get("checkId").asString());
			}
		});
		assertThat(failed).as("key hygiene in BASELINE")
			.contains("kv-key-expiry-set", "kv-key-rotation-policy", "kv-key-rotation-overdue", "kv-key-max-validity");
		assertThat(checks).as("CMK adoption stays REGULATED").doesNotContain("aml-ws-cmk", "st-cmk", "acr-cmk");

		StatementCounter.track("/api/v1/keys");
		JsonNode one = get(http, operator, "/api/v1/keys?size=1");
		int statementsForOne = StatementCounter.count("/api/v1/keys");
		StatementCounter.track("/api/v1/keys");
		JsonNode keys = get(http, operator, "/api/v1/keys?size=200");
		int statementsForAll = StatementCounter.count("/api/v1/keys");
		assertThat(one.get("items")).hasSize(1);
		assertThat(keys.get("totalItems").asLong()).isEqualTo(one.get("totalItems").asLong()).isGreaterThan(10);
		assertThat(statementsForAll).as("statements per page")
			.isPositive()
			.isLessThanOrEqualTo(5)
			.isEqualTo(statementsForOne);
		JsonNode gold = null;
		for (JsonNode key : keys.get("items")) {
			if (key.get("keyId").asString().endsWith("/vaults/kvwsgold/keys/cmk")) {
				gold = key;
			}
		}
		assertThat(gold).as("ws-gold's CMK on the keys page").isNotNull();
		List<String> dependents = new ArrayList<>();
		gold.get("dependents").forEach((d) -> dependents.add(d.asString().toLowerCase(Locale.ROOT)));
		assertThat(dependents).anyMatch((d) -> d.endsWith("/workspaces/ws-gold"))
			.anyMatch((d) -> d.endsWith("/storageaccounts/stwsgold"));
		assertThat(gold.get("expiresAt").isNull()).isFalse();
	}

	private static JsonNode scan(Http http, String token) {
		String subscriptions = String.join("\",\"", DemoTenant.SUBSCRIPTIONS);
		return awaitScan(http, token, http.post("/api/v1/scans", "application/json",
				"{\"subscriptions\":[\"" + subscriptions + "\"],\"profile\":\"REGULATED\"}", Http.bearer(token)));
	}

	private static JsonNode awaitScan(Http http, String token, Response accepted) {
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		JsonNode[] scan = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
			scan[0] = get(http, token, "/api/v1/scans/" + id);
			String state = scan[0].get("state").asString();
			return !state.equals("QUEUED") && !state.equals("RUNNING");
		});
		return scan[0];
	}

	private static JsonNode get(Http http, String token, String path) {
		Response response = http.get(path, Http.bearer(token));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

}
