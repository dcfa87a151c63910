package io.amlwarden.scans;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the latest collected state of every workspace (table {@code inventory_workspace})
 * for the inventory API. The scan service calls {@link #save} after each collection.
 * <p>
 * One row per workspace, keyed by its lower-cased ARM id, with an opaque stable id (the
 * name-based UUID of that key) and a JSON document of the workspace and its linked
 * resources. A row is only overwritten by a collection at least as recent as the one that
 * wrote it, so concurrent scans on several replicas converge on the newest state.
 * Workspaces missing from a complete listing of their subscription are flagged deleted
 * (and kept); a listing that failed or was cut short deletes nothing.
 */
@Repository
public class InventoryStore {

	private static final Logger logger = LoggerFactory.getLogger(InventoryStore.class);

	private static final int BATCH = 500;

	private static final String UPSERT = """
			INSERT INTO inventory_workspace (id, arm_id, arm_key, subscription_id, resource_group, name, kind,
			    location, last_scan_id, collected_at, first_seen_at, deleted, deleted_at, document)
			VALUES (:id, :armId, :armKey, :subscriptionId, :resourceGroup, :name, :kind, :location, :scanId,
			    :collectedAt, :collectedAt, false, NULL, CAST(:document AS jsonb))
			ON CONFLICT (arm_key) DO UPDATE SET arm_id = EXCLUDED.arm_id, subscription_id = EXCLUDED.subscription_id,
			    resource_group = EXCLUDED.resource_group, name = EXCLUDED.name, kind = EXCLUDED.kind,
			    location = EXCLUDED.location, last_scan_id = EXCLUDED.last_scan_id,
			    collected_at = EXCLUDED.collected_at, deleted = false, deleted_at = NULL,
			    document = EXCLUDED.document
			WHERE inventory_workspace.collected_at <= EXCLUDED.collected_at
			""";

	private final NamedParameterJdbcTemplate jdbc;

	private final JsonMapper json;

	private final StoredKeys keys;

	InventoryStore(DataSource dataSource, JsonMapper json, StoredKeys keys) {
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		this.json = json;
		this.keys = keys;
	}

	/**
	 * The stable id of a workspace: the name-based UUID of its lower-cased ARM id.
	 * @param armId the workspace's ARM id, in any case
	 * @return the id the inventory API uses
	 */
	public static UUID workspaceId(String armId) {
		return UUID
			.nameUUIDFromBytes(Objects.requireNonNull(ArmIds.key(armId), "armId").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Stores the workspaces of a snapshot: upserts every collected workspace and flags as
	 * deleted those of a completely listed subscription (within the snapshot's scope)
	 * that the collection no longer found.
	 * @param snapshot the collected snapshot
	 * @param scanId the scan the collection belongs to
	 * @return what changed
	 */
	@Transactional
	public SaveResult save(TenantSnapshot snapshot, UUID scanId) {
		Instant collectedAt = snapshot.collectedAt();
		Timestamp at = Timestamp.from(collectedAt);
		List<SqlParameterSource> rows = new ArrayList<>();
		Map<String, List<String>> keysBySubscription = new HashMap<>();
		int upserted = 0;
		for (Workspace workspace : snapshot.workspaces()) {
			String key = ArmIds.key(workspace.id());
			keysBySubscription.computeIfAbsent(workspace.subscriptionId(), (s) -> new ArrayList<>()).add(key);
			rows.add(new MapSqlParameterSource().addValue("id", workspaceId(workspace.id()))
				.addValue("armId", workspace.id())
				.addValue("armKey", key)
				.addValue("subscriptionId", lower(workspace.subscriptionId()))
				.addValue("resourceGroup", lower(workspace.resourceGroup()))
				.addValue("name", workspace.name())
				.addValue("kind", workspace.kind())
				.addValue("location", workspace.location())
				.addValue("scanId", scanId)
				.addValue("collectedAt", at)
				.addValue("document", this.json.writeValueAsString(WorkspaceDocuments.of(workspace, snapshot))));
			if (rows.size() == BATCH) {
				upserted += flush(rows);
			}
		}
		upserted += flush(rows);
		int deleted = 0;
		InventoryScope scope = snapshot.scope();
		for (String subscription : scope.subscriptionIds()) {
			if (!snapshot.workspacesListed(subscription)) {
				continue;
			}
			deleted += markDeleted(lower(subscription), scope,
					keysBySubscription.getOrDefault(lower(subscription), List.of()), at);
		}
		this.keys.save(snapshot);
		logger.debug("Stored {} workspaces of scan {} ({} newly flagged deleted)", upserted, scanId, deleted);
		return new SaveResult(upserted, deleted);
	}

	private int flush(List<SqlParameterSource> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		int[] counts = this.jdbc.batchUpdate(UPSERT, rows.toArray(SqlParameterSource[]::new));
		rows.clear();
		int total = 0;
		for (int count : counts) {
			total += Math.max(count, 0);
		}
		return total;
	}

	private int markDeleted(String subscription, InventoryScope scope, List<String> present, Timestamp at) {
		StringBuilder sql = new StringBuilder("SELECT arm_key FROM inventory_workspace "
				+ "WHERE subscription_id = :subscription AND NOT deleted AND collected_at < :at");
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("at", at)
			.addValue("subscription", subscription);
		if (!scope.resourceGroups().isEmpty()) {
			sql.append(" AND resource_group IN (:resourceGroups)");
			params.addValue("resourceGroups", scope.resourceGroups().stream().map(InventoryStore::lower).toList());
		}
		if (!scope.workspaceIds().isEmpty()) {
			sql.append(" AND arm_key IN (:workspaces)");
			params.addValue("workspaces", scope.workspaceIds().stream().map(ArmIds::key).toList());
		}
		java.util.Set<String> stillThere = new java.util.HashSet<>(present);
		List<String> gone = this.jdbc.queryForList(sql.toString(), params, String.class)
			.stream()
			.filter((key) -> !stillThere.contains(key))
			.toList();
		int marked = 0;
		for (int start = 0; start < gone.size(); start += BATCH) {
			marked += this.jdbc.update(
					"UPDATE inventory_workspace SET deleted = true, deleted_at = :at "
							+ "WHERE arm_key IN (:keys) AND NOT deleted AND collected_at < :at",
					new MapSqlParameterSource().addValue("at", at)
						.addValue("keys", gone.subList(start, Math.min(gone.size(), start + BATCH))));
		}
		return marked;
	}

	/**
	 * The resources that, as last collected, use a customer-managed key: every workspace
	 * (not flagged deleted) of these subscriptions with its key URL, and the storage
	 * account each links with its key. Answered only when every subscription has been
	 * collected at or after {@code notBefore} (its newest row is at least that recent);
	 * otherwise empty, and the caller must collect. Storage accounts that no workspace
	 * links are not in the stored inventory.
	 * @param subscriptions the subscriptions
	 * @param notBefore how old the collection may be
	 * @return the key users and the time of the oldest collection used, or empty
	 */
	public java.util.Optional<StoredKeyUsers> keyUsers(java.util.Collection<String> subscriptions, Instant notBefore) {
		List<String> wanted = subscriptions.stream().map(InventoryStore::lower).distinct().toList();
		if (wanted.isEmpty()) {
			return java.util.Optional.empty();
		}
		MapSqlParameterSource params = new MapSqlParameterSource("subscriptions", wanted);
		Map<String, Instant> newest = new HashMap<>();
		this.jdbc.query("SELECT subscription_id, max(collected_at) AS at FROM inventory_workspace "
				+ "WHERE subscription_id IN (:subscriptions) GROUP BY subscription_id", params, (rs) -> {
					newest.put(rs.getString("subscription_id"), rs.getTimestamp("at").toInstant());
				});
		Instant oldest = null;
		for (String subscription : wanted) {
			Instant at = newest.get(subscription);
			if (at == null || at.isBefore(notBefore)) {
				return java.util.Optional.empty();
			}
			oldest = (oldest == null || at.isBefore(oldest)) ? at : oldest;
		}
		List<StoredKeyUser> users = new ArrayList<>();
		java.util.Set<String> storage = new java.util.HashSet<>();
		this.jdbc.query("SELECT arm_id, document->'workspace'->'encryption'->>'keyIdentifier' AS kid, "
				+ "document->'storageAccount'->>'id' AS storage_id, "
				+ "document->'storageAccount'->'value'->'encryption'->>'keySource' AS storage_source, "
				+ "document->'storageAccount'->'value'->'encryption'->>'keyVaultUri' AS storage_vault, "
				+ "document->'storageAccount'->'value'->'encryption'->>'keyName' AS storage_key "
				+ "FROM inventory_workspace WHERE subscription_id IN (:subscriptions) AND NOT deleted ORDER BY arm_key",
				params, (rs) -> {
					String kid = rs.getString("kid");
					if (kid != null) {
						users.add(new StoredKeyUser(rs.getString("arm_id"), StoredKeyUser.Kind.WORKSPACE, kid));
					}
					String storageId = rs.getString("storage_id");
					String vault = rs.getString("storage_vault");
					String key = rs.getString("storage_key");
					if (storageId != null && "microsoft.keyvault".equalsIgnoreCase(rs.getString("storage_source"))
							&& vault != null && key != null && storage.add(ArmIds.key(storageId))) {
						users.add(new StoredKeyUser(storageId, StoredKeyUser.Kind.STORAGE_ACCOUNT,
								vault.replaceAll("/+$", "") + "/keys/" + key));
					}
				});
		return java.util.Optional.of(new StoredKeyUsers(oldest, users));
	}

	/**
	 * Key users from the stored inventory.
	 *
	 * @param collectedAt when the oldest collection they come from ran
	 * @param users the workspaces and storage accounts with the key URL each uses
	 */
	public record StoredKeyUsers(Instant collectedAt, List<StoredKeyUser> users) {

		public StoredKeyUsers {
			users = List.copyOf(users);
		}

	}

	/**
	 * A resource and the (possibly versioned) key URL it uses.
	 *
	 * @param resourceId ARM id
	 * @param kind workspace or storage account
	 * @param keyUrl key URL, e.g. {@code https://kv.vault.azure.net/keys/cmk/<version>}
	 */
	public record StoredKeyUser(String resourceId, Kind kind, String keyUrl) {

		/** What the resource is. */
		public enum Kind {

			WORKSPACE, STORAGE_ACCOUNT

		}

	}

	private static String lower(String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * What a save changed.
	 *
	 * @param upserted workspace rows inserted or updated (older collections do not
	 * overwrite newer rows)
	 * @param markedDeleted rows newly flagged deleted
	 */
	public record SaveResult(int upserted, int markedDeleted) {
	}

}
