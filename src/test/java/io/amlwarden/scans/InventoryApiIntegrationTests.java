package io.amlwarden.scans;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.azure.SimulatorInventory;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.DemoTenant;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.Http;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory API over HTTP, on the demo tenant as collected from the simulator:
 * filters, paging, detail, problems; and a vault the collector may not read shows as
 * unreadable.
 */
@WardenIntegrationTest
class InventoryApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Autowired
	InventoryCollector collector;

	@Autowired
	InventoryStore store;

	Http http;

	String reader;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.reader = this.issuer.token("reader-" + UUID.randomUUID(), "Warden.Reader");
		TenantSnapshot snapshot = this.collector.collect(InventoryScope.subscriptions(DemoTenant.SUBSCRIPTIONS));
		assertThat(snapshot.readFailures()).isEmpty();
		this.store.save(snapshot, UUID.randomUUID());
	}

	private JsonNode get(String path) {
		Response response = this.http.get(path, Http.bearer(this.reader));
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
		return response.json();
	}

	@Test
	void listsFiltersAndPagesInArmIdOrder() {
		JsonNode prod = get("/api/v1/inventory/workspaces?subscription=" + DemoTenant.PROD.toUpperCase());
		assertThat(prod.get("totalItems").asInt()).isEqualTo(4);
		List<String> ids = prod.get("items").valueStream().map((i) -> i.get("armId").asString()).toList();
		assertThat(ids).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
		assertThat(prod.get("items").get(0).get("document").has("keyVault")).isTrue();

		assertThat(get("/api/v1/inventory/workspaces?name=GOLD").get("totalItems").asInt()).isEqualTo(1);
		assertThat(get("/api/v1/inventory/workspaces?subscription=" + DemoTenant.DEV + "&resourceGroup=RG-ML-DEV")
			.get("totalItems")
			.asInt()).isEqualTo(4);
		assertThat(get("/api/v1/inventory/workspaces?name=%25").get("totalItems").asInt()).isZero();
		String gold = DemoTenant.workspaceId(DemoTenant.PROD, "rg-ml-prod", "ws-gold");
		JsonNode byArmId = get("/api/v1/inventory/workspaces?armId=" + gold.toUpperCase());
		assertThat(byArmId.get("totalItems").asInt()).isEqualTo(1);
		assertThat(byArmId.get("items").get(0).get("armId").asString()).isEqualTo(gold);

		JsonNode first = get("/api/v1/inventory/workspaces?subscription=" + DemoTenant.RESEARCH + "&size=2");
		JsonNode second = get("/api/v1/inventory/workspaces?subscription=" + DemoTenant.RESEARCH + "&size=2&page=1");
		assertThat(first.get("totalItems").asInt()).isEqualTo(5);
		assertThat(first.get("totalPages").asInt()).isEqualTo(3);
		assertThat(first.get("items").get(1).get("armId").asString().toLowerCase())
			.isLessThan(second.get("items").get(0).get("armId").asString().toLowerCase());
	}

	@Test
	void showsAWorkspaceWithItsLinkedResources() {
		String gold = DemoTenant.workspaceId(DemoTenant.PROD, "rg-ml-prod", "ws-gold");
		UUID id = InventoryStore.workspaceId(gold);
		JsonNode detail = get("/api/v1/inventory/workspaces/" + id);
		assertThat(detail.get("id").asString()).isEqualTo(id.toString());
		assertThat(detail.get("name").asString()).isEqualTo("ws-gold");
		assertThat(detail.get("deleted").asBoolean()).isFalse();
		JsonNode document = detail.get("document");
		assertThat(document.at("/workspace/publicNetworkAccess").asString()).isEqualTo("Disabled");
		assertThat(document.at("/keyVault/state").asString()).isEqualTo("PRESENT");
		assertThat(document.at("/keyVault/value/enablePurgeProtection").asBoolean()).isTrue();
		assertThat(document.at("/customerManagedKey/key/state").asString()).isEqualTo("PRESENT");
		assertThat(document.at("/customerManagedKey/key/value/rotationPolicy/value/lifetimeActions").size())
			.isEqualTo(2);
		assertThat(document.at("/customerManagedKey/key/usesCurrentVersion").asBoolean()).isTrue();
		assertThat(document.at("/customerManagedKey/keyInVault").asBoolean()).isTrue();
		assertThat(document.at("/storageAccount/value/minimumTlsVersion").asString()).isEqualTo("TLS1_2");
		assertThat(document.at("/containerRegistry/state").asString()).isEqualTo("PRESENT");
		assertThat(document.at("/applicationInsights/state").asString()).isEqualTo("PRESENT");
		assertThat(document.at("/computes/value").size()).isEqualTo(2);
		assertThat(document.at("/onlineEndpoints/value/0/authMode").asString()).isEqualTo("AADToken");
		assertThat(document.at("/diagnosticSettings").size()).isEqualTo(5);
		assertThat(document.get("readFailures").size()).isZero();
		// The key material is never stored: only attributes.
		assertThat(document.toString()).doesNotContain("\"n\"").doesNotContain("modulus");

		String elsewhere = DemoTenant.workspaceId(DemoTenant.PROD, "rg-ml-prod", "ws-cmk-elsewhere");
		assertThat(get("/api/v1/inventory/workspaces/" + InventoryStore.workspaceId(elsewhere))
			.at("/document/customerManagedKey/keyInVault")
			.asBoolean()).isFalse();
	}

	@Test
	void answersProblemsForUnknownOrMalformedIds() {
		Response missing = this.http.get("/api/v1/inventory/workspaces/" + UUID.randomUUID(), Http.bearer(this.reader));
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.json().get("type").asString()).isEqualTo("urn:aml-warden:problem:not-found");
		Response malformed = this.http.get("/api/v1/inventory/workspaces/not-a-uuid", Http.bearer(this.reader));
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.contentType()).startsWith("application/problem+json");
		assertThat(this.http.get("/api/v1/inventory/workspaces?size=500", Http.bearer(this.reader)).status())
			.isEqualTo(400);
		assertThat(this.http.get("/api/v1/inventory/workspaces").status()).isEqualTo(401);
	}

	@Test
	void aVaultThatAnswers403IsUnreadableNotAbsent() {
		String subscription = UUID.randomUUID().toString();
		TenantFixture fixture = new TenantFixture(DemoTenant.TENANT, Instant.now()).subscription(subscription);
		TenantFixture.Stack locked = fixture.stack(subscription, "rg-locked", "ws-locked", null);
		fixture.stack(subscription, "rg-locked", "ws-open", null);
		try (AzureSimulator simulator = AzureSimulator.start(fixture.toJson())) {
			simulator.forbid(locked.vaultId);
			TenantSnapshot snapshot = SimulatorInventory.collect(simulator,
					InventoryScope.subscriptions(List.of(subscription)));
			this.store.save(snapshot, UUID.randomUUID());
		}

		JsonNode document = get("/api/v1/inventory/workspaces/" + InventoryStore.workspaceId(locked.workspaceId))
			.get("document");
		assertThat(document.at("/keyVault/state").asString()).isEqualTo("UNREADABLE");
		assertThat(document.at("/keyVault/failure/reason").asString()).isEqualTo("FORBIDDEN");
		assertThat(document.at("/keyVault/id").asString()).isEqualTo(locked.vaultId);
		assertThat(document.at("/customerManagedKey/vault/state").asString()).isEqualTo("UNREADABLE");
		assertThat(document.at("/customerManagedKey/key/state").asString()).isEqualTo("UNREADABLE");
		assertThat(document.at("/storageAccount/state").asString()).isEqualTo("PRESENT");
		assertThat(document.get("readFailures").valueStream().map((f) -> f.get("reason").asString()))
			.contains("FORBIDDEN");
		JsonNode other = get("/api/v1/inventory/workspaces?subscription=" + subscription + "&name=ws-open")
			.at("/items/0/document");
		assertThat(other.at("/keyVault/state").asString()).isEqualTo("PRESENT");
		assertThat(other.at("/customerManagedKey/key/state").asString()).isEqualTo("PRESENT");
	}

}
