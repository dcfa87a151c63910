package io.amlwarden.scans;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.SqlValues;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.Workspace;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the workspace inventory for the API. Filters become bound parameters, never
 * SQL text; lists are sorted by the lower-cased ARM id, which is unique, so pages never
 * overlap or skip.
 */
@Repository
class InventoryQueryStore {

	private static final String COLUMNS = "id, arm_id, subscription_id, resource_group, name, kind, location, deleted, "
			+ "deleted_at, last_scan_id, collected_at, first_seen_at, document::text AS document";

	private final NamedParameterJdbcTemplate jdbc;

	private final JsonMapper json;

	InventoryQueryStore(DataSource dataSource, JsonMapper json) {
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		this.json = json;
	}

	@Transactional(readOnly = true)
	PageResponse<InventoryWorkspaceView> list(WorkspaceFilter filter, PageQuery page) {
		Pageable pageable = page.toPageable(Sort.unsorted());
		List<String> clauses = new ArrayList<>();
		MapSqlParameterSource params = new MapSqlParameterSource();
		if (filter.subscription() != null) {
			clauses.add("subscription_id = :subscription");
			params.addValue("subscription", lower(filter.subscription().trim()));
		}
		if (filter.resourceGroup() != null) {
			clauses.add("resource_group = :resourceGroup");
			params.addValue("resourceGroup", lower(filter.resourceGroup().trim()));
		}
		if (filter.name() != null) {
			clauses.add("lower(name) LIKE :name ESCAPE '\\'");
			params.addValue("name", "%" + SqlValues.escapeLike(lower(filter.name())) + "%");
		}
		if (filter.armId() != null) {
			clauses.add("arm_key = :armKey");
			params.addValue("armKey", ArmIds.key(filter.armId()));
		}
		if (filter.deleted() != null) {
			clauses.add("deleted = :deleted");
			params.addValue("deleted", filter.deleted());
		}
		String where = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM inventory_workspace" + where, params, Long.class);
		params.addValue("limit", pageable.getPageSize()).addValue("offset", pageable.getOffset());
		List<InventoryWorkspaceView> items = this.jdbc.query("SELECT " + COLUMNS + " FROM inventory_workspace" + where
				+ " ORDER BY arm_key LIMIT :limit OFFSET :offset", params, (rs, n) -> view(rs));
		return PageResponse.of(items, pageable, (total != null) ? total : 0);
	}

	@Transactional(readOnly = true)
	InventoryWorkspaceView get(UUID id) {
		List<InventoryWorkspaceView> found = this.jdbc.query(
				"SELECT " + COLUMNS + " FROM inventory_workspace WHERE id = :id", Map.of("id", id),
				(rs, n) -> view(rs));
		if (found.isEmpty()) {
			throw ApiException.notFound("Workspace", id.toString());
		}
		return found.get(0);
	}

	private InventoryWorkspaceView view(ResultSet rs) throws SQLException {
		Timestamp deletedAt = rs.getTimestamp("deleted_at");
		return new InventoryWorkspaceView(rs.getObject("id", UUID.class), rs.getString("arm_id"),
				rs.getString("subscription_id"), rs.getString("resource_group"), rs.getString("name"),
				rs.getString("kind"), rs.getString("location"), rs.getBoolean("deleted"), SqlValues.instant(deletedAt),
				rs.getObject("last_scan_id", UUID.class), rs.getTimestamp("collected_at").toInstant(),
				rs.getTimestamp("first_seen_at").toInstant(), this.json.readTree(rs.getString("document")));
	}

	private static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

}
