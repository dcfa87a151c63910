package io.amlwarden.scans;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The customer-managed keys of the last collection (table {@code inventory_key}), for the
 * keys page: one row per key and subscription of the resources using it, written by
 * {@link InventoryStore#save}. Reading a page costs two statements whatever its size.
 */
@Repository
public class StoredKeys {

	private static final String UPSERT = """
			INSERT INTO inventory_key (key_key, subscription_id, key_id, vault_id, name, current_version, created_at,
			    expires_at, dependents, collected_at)
			VALUES (:keyKey, :subscriptionId, :keyId, :vaultId, :name, :currentVersion, :createdAt, :expiresAt,
			    CAST(:dependents AS jsonb), :collectedAt)
			ON CONFLICT (key_key, subscription_id) DO UPDATE SET key_id = EXCLUDED.key_id,
			    vault_id = EXCLUDED.vault_id, name = EXCLUDED.name, current_version = EXCLUDED.current_version,
			    created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
			    dependents = EXCLUDED.dependents, collected_at = EXCLUDED.collected_at
			WHERE inventory_key.collected_at <= EXCLUDED.collected_at
			""";

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final NamedParameterJdbcTemplate jdbc;

	private final JsonMapper json;

	public StoredKeys(DataSource dataSource, JsonMapper json) {
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		this.json = json;
	}

	/**
	 * The resources using each customer-managed key of a snapshot: workspaces through
	 * {@code encryption.keyVaultProperties}, storage accounts through their
	 * {@code Microsoft.Keyvault} encryption.
	 * @param snapshot the inventory
	 * @return lower-cased key ARM id to the ARM ids of its users, in snapshot order
	 */
	public static Map<String, Set<String>> dependents(TenantSnapshot snapshot) {
		Map<String, Set<String>> dependents = new LinkedHashMap<>();
		for (Workspace workspace : snapshot.workspaces()) {
			if (workspace.encryption() != null && workspace.encryption().keyIdentifier() != null) {
				add(dependents, snapshot.keyByIdentifier(workspace.encryption().keyIdentifier()), workspace.id());
			}
		}
		for (StorageAccount account : snapshot.storageAccounts()) {
			StorageAccount.Encryption e = account.encryption();
			if (e != null && e.usesCustomerManagedKey() && e.keyVaultUri() != null && e.keyName() != null) {
				add(dependents,
						snapshot.keyByIdentifier(e.keyVaultUri().replaceAll("/+$", "") + "/keys/" + e.keyName()),
						account.id());
			}
		}
		return dependents;
	}

	private static void add(Map<String, Set<String>> dependents, ReadResult<VaultKey> key, String resourceId) {
		if (key.isPresent()) {
			dependents.computeIfAbsent(ArmIds.key(key.value().id()), (x) -> new LinkedHashSet<>()).add(resourceId);
		}
	}

	/**
	 * Stores the customer-managed keys of a collection. For a subscription whose
	 * workspaces were completely listed (and the scope not narrowed to resource groups or
	 * workspaces), rows of older collections that this one no longer shows are removed.
	 * @param snapshot the collection
	 */
	void save(TenantSnapshot snapshot) {
		Instant collectedAt = snapshot.collectedAt();
		Timestamp at = Timestamp.from(collectedAt);
		InventoryScope scope = snapshot.scope();
		if (scope.resourceGroups().isEmpty() && scope.workspaceIds().isEmpty()) {
			List<String> complete = scope.subscriptionIds()
				.stream()
				.filter(snapshot::workspacesListed)
				.map((s) -> s.toLowerCase(Locale.ROOT))
				.toList();
			if (!complete.isEmpty()) {
				this.jdbc.update(
						"DELETE FROM inventory_key WHERE subscription_id IN (:subscriptions) AND collected_at < :at",
						new MapSqlParameterSource("subscriptions", complete).addValue("at", at));
			}
		}
		Map<String, VaultKey> keys = new LinkedHashMap<>();
		snapshot.keys().forEach((k) -> keys.put(ArmIds.key(k.id()), k));
		List<SqlParameterSource> rows = new ArrayList<>();
		dependents(snapshot).forEach((keyKey, users) -> {
			VaultKey key = keys.get(keyKey);
			Map<String, List<String>> bySubscription = new LinkedHashMap<>();
			users.forEach((id) -> bySubscription.computeIfAbsent(ArmIds.subscriptionOf(id), (s) -> new ArrayList<>())
				.add(id));
			bySubscription.forEach((subscription,
					ids) -> rows.add(new MapSqlParameterSource("keyKey", keyKey)
						.addValue("subscriptionId", subscription.toLowerCase(Locale.ROOT))
						.addValue("keyId", key.id())
						.addValue("vaultId", key.vaultId())
						.addValue("name", key.name())
						.addValue("currentVersion", key.currentVersion())
						.addValue("createdAt", timestamp(key.created()))
						.addValue("expiresAt", timestamp(key.expires()))
						.addValue("dependents", this.json.writeValueAsString(ids))
						.addValue("collectedAt", at)));
		});
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate(UPSERT, rows.toArray(SqlParameterSource[]::new));
		}
	}

	/**
	 * One page of the keys used by resources of these subscriptions, ordered by key id,
	 * with the dependents of all those subscriptions merged.
	 * @param subscriptions subscription ids in any case
	 * @param page zero-based page
	 * @param size page size
	 * @return the page and the total number of keys
	 */
	public KeyPage page(Collection<String> subscriptions, int page, int size) {
		List<String> wanted = subscriptions.stream().map((s) -> s.toLowerCase(Locale.ROOT)).distinct().toList();
		if (wanted.isEmpty()) {
			return new KeyPage(List.of(), 0);
		}
		// One statement: the page of distinct keys, their merged rows and the total.
		MapSqlParameterSource params = new MapSqlParameterSource("subscriptions", wanted).addValue("limit", size)
			.addValue("offset", (long) page * size);
		Map<String, StoredKey> byKey = new LinkedHashMap<>();
		long[] total = { 0 };
		this.jdbc.query("""
				WITH matching AS (
				    SELECT * FROM inventory_key WHERE subscription_id IN (:subscriptions)),
				page AS (
				    SELECT key_key, count(*) OVER () AS total FROM matching GROUP BY key_key
				    ORDER BY key_key LIMIT :limit OFFSET :offset)
				SELECT m.*, p.total FROM matching m JOIN page p ON p.key_key = m.key_key
				ORDER BY m.key_key, m.collected_at DESC, m.subscription_id
				""", params, (rs) -> {
			total[0] = rs.getLong("total");
			List<String> users = this.json.readValue(rs.getString("dependents"), STRINGS);
			StoredKey existing = byKey.get(rs.getString("key_key"));
			if (existing != null) {
				existing.dependents.addAll(users);
				return;
			}
			byKey.put(rs.getString("key_key"),
					new StoredKey(rs.getString("key_key"), rs.getString("key_id"), rs.getString("vault_id"),
							rs.getString("name"), rs.getString("current_version"),
							instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
							instant(rs.getTimestamp("collected_at")), new LinkedHashSet<>(users)));
		});
		if (byKey.isEmpty() && page > 0) {
			Long count = this.jdbc.queryForObject(
					"SELECT count(DISTINCT key_key) FROM inventory_key WHERE subscription_id IN (:subscriptions)",
					params, Long.class);
			total[0] = (count != null) ? count : 0;
		}
		return new KeyPage(List.copyOf(byKey.values()), total[0]);
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A page of stored keys.
	 *
	 * @param keys the keys of the page
	 * @param total how many keys all pages hold
	 */
	public record KeyPage(List<StoredKey> keys, long total) {
	}

	/**
	 * A customer-managed key as last collected.
	 *
	 * @param keyKey lower-cased ARM id
	 * @param keyId ARM id
	 * @param vaultId vault ARM id
	 * @param name key name
	 * @param currentVersion current version
	 * @param created creation of the current version
	 * @param expires expiry of the current version
	 * @param collectedAt when it was collected
	 * @param dependents ARM ids of the workspaces and storage accounts using it
	 */
	public record StoredKey(String keyKey, String keyId, String vaultId, String name, @Nullable String currentVersion,
			@Nullable Instant created, @Nullable Instant expires, @Nullable Instant collectedAt,
			Set<String> dependents) {
	}

}
