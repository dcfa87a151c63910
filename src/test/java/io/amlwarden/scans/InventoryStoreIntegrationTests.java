package io.amlwarden.scans;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InventoryStore} against PostgreSQL: round trip, stable ids, deletion flags only
 * after a complete listing, undeletion, and no overwrite by an older collection.
 */
@WardenIntegrationTest
class InventoryStoreIntegrationTests {

	@Autowired
	InventoryStore store;

	@Autowired
	JdbcTemplate jdbc;

	String subscription;

	@BeforeEach
	void setUp() {
		this.subscription = UUID.randomUUID().toString();
	}

	private String id(String name) {
		return "/subscriptions/" + this.subscription.toUpperCase()
				+ "/resourceGroups/RG-Data/providers/Microsoft.MachineLearningServices/workspaces/" + name;
	}

	private static Workspace workspace(String id, String publicNetworkAccess) {
		return new Workspace(id, ArmIds.nameOf(id), ArmIds.subscriptionOf(id), ArmIds.resourceGroupOf(id), "westeurope",
				"Default", "Basic", Map.of("env", "test"), null, null, null, null, null, null, null, null, false,
				publicNetworkAccess, false, null, null, "identity", false, false, false, null, "Succeeded",
				ReadResult.present(List.of()), ReadResult.notCollected());
	}

	private TenantSnapshot snapshot(Instant at, boolean listed, Workspace... workspaces) {
		TenantSnapshot.Builder builder = TenantSnapshot
			.builder(InventoryScope.subscriptions(List.of(this.subscription)), at)
			.workspaces(List.of(workspaces));
		if (listed) {
			builder.workspacesListed(List.of(this.subscription));
		}
		return builder.build();
	}

	private Map<String, Object> row(String armId) {
		return this.jdbc.queryForMap("SELECT * FROM inventory_workspace WHERE arm_key = ?", ArmIds.key(armId));
	}

	@Test
	void roundTripsAWorkspaceUnderAStableId() {
		Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		UUID scan = UUID.randomUUID();
		InventoryStore.SaveResult result = this.store.save(snapshot(at, true, workspace(id("ws-a"), "Disabled")), scan);

		assertThat(result.upserted()).isOne();
		Map<String, Object> row = row(id("ws-a"));
		assertThat(row.get("id")).isEqualTo(InventoryStore.workspaceId(id("ws-a")))
			.isEqualTo(InventoryStore.workspaceId(id("ws-a").toLowerCase()));
		assertThat(row.get("arm_id")).isEqualTo(id("ws-a"));
		assertThat(row.get("subscription_id")).isEqualTo(this.subscription);
		assertThat(row.get("resource_group")).isEqualTo("rg-data");
		assertThat(row.get("name")).isEqualTo("ws-a");
		assertThat(row.get("kind")).isEqualTo("Default");
		assertThat(row.get("last_scan_id")).isEqualTo(scan);
		assertThat(((java.sql.Timestamp) row.get("collected_at")).toInstant()).isEqualTo(at);
		assertThat(row.get("deleted")).isEqualTo(false);
		String document = this.jdbc.queryForObject(
				"SELECT document->'workspace'->>'publicNetworkAccess' FROM inventory_workspace WHERE arm_key = ?",
				String.class, ArmIds.key(id("ws-a")));
		assertThat(document).isEqualTo("Disabled");
		assertThat(this.jdbc.queryForObject(
				"SELECT document->'computes'->>'state' FROM inventory_workspace WHERE arm_key = ?", String.class,
				ArmIds.key(id("ws-a"))))
			.isEqualTo("PRESENT");

		// A later scan updates the same row.
		this.store.save(snapshot(at.plusSeconds(60), true, workspace(id("WS-A"), "Enabled")), UUID.randomUUID());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM inventory_workspace WHERE subscription_id = ?",
				Long.class, this.subscription))
			.isOne();
		assertThat(row(id("ws-a")).get("arm_id")).isEqualTo(id("WS-A"));
		assertThat(row(id("ws-a")).get("first_seen_at")).isEqualTo(java.sql.Timestamp.from(at));
	}

	@Test
	void flagsWorkspacesMissingFromACompleteListingOnly() {
		Instant at = Instant.now();
		this.store.save(snapshot(at, true, workspace(id("ws-a"), "Disabled"), workspace(id("ws-b"), "Disabled")),
				UUID.randomUUID());

		// The listing failed: ws-b's absence means nothing.
		assertThat(this.store
			.save(snapshot(at.plusSeconds(60), false, workspace(id("ws-a"), "Disabled")), UUID.randomUUID())
			.markedDeleted()).isZero();
		assertThat(row(id("ws-b")).get("deleted")).isEqualTo(false);

		// A complete listing without ws-b: flagged and kept.
		assertThat(this.store
			.save(snapshot(at.plusSeconds(120), true, workspace(id("ws-a"), "Disabled")), UUID.randomUUID())
			.markedDeleted()).isOne();
		assertThat(row(id("ws-b")).get("deleted")).isEqualTo(true);
		assertThat(row(id("ws-b")).get("deleted_at")).isNotNull();
		assertThat(row(id("ws-a")).get("deleted")).isEqualTo(false);

		// It comes back.
		this.store.save(snapshot(at.plusSeconds(180), true, workspace(id("ws-a"), "Disabled"),
				workspace(id("ws-b"), "Disabled")), UUID.randomUUID());
		assertThat(row(id("ws-b")).get("deleted")).isEqualTo(false);
		assertThat(row(id("ws-b")).get("deleted_at")).isNull();
	}

	@Test
	void anOlderCollectionDoesNotOverwriteANewerOne() {
		Instant at = Instant.now();
		UUID newer = UUID.randomUUID();
		this.store.save(snapshot(at, true, workspace(id("ws-a"), "Disabled")), newer);
		this.store.save(snapshot(at.minusSeconds(300), true, workspace(id("ws-a"), "Enabled")), UUID.randomUUID());

		assertThat(row(id("ws-a")).get("last_scan_id")).isEqualTo(newer);
	}

}
