package io.amlwarden.scans;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.CheckStatus;
import io.amlwarden.posture.Profile;
import io.amlwarden.posture.Evaluation;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspacePosture;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The latest posture of each workspace: its score and every check result of the workspace
 * and its dependencies, replaced by each scan that evaluates it.
 */
@Repository
class WorkspacePostureStore {

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	WorkspacePostureStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void save(UUID scanId, Instant at, Evaluation evaluation, TenantSnapshot snapshot) {
		Map<String, List<Map<String, Object>>> resultsByWorkspace = new HashMap<>();
		for (CheckResult result : evaluation.results()) {
			for (String workspace : result.workspaceIds()) {
				resultsByWorkspace.computeIfAbsent(workspace.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
					.add(resultDocument(result));
			}
		}
		List<Object[]> rows = new ArrayList<>();
		for (Workspace workspace : snapshot.workspaces()) {
			String key = workspace.id().toLowerCase(Locale.ROOT);
			WorkspacePosture posture = evaluation.workspaces().get(key);
			if (posture == null) {
				continue;
			}
			Map<Severity, Integer> failed = posture.failedBySeverity();
			rows.add(new Object[] { key, InventoryStore.workspaceId(workspace.id()), workspace.id(), workspace.name(),
					workspace.subscriptionId().toLowerCase(Locale.ROOT), workspace.resourceGroup(), scanId,
					Timestamp.from(at),
					evaluation.subscriptionProfiles()
						.getOrDefault(workspace.subscriptionId().toLowerCase(Locale.ROOT), evaluation.profile())
						.name(),
					posture.score(), posture.passed(), posture.failed(), posture.unknown(), posture.notApplicable(),
					failed.getOrDefault(Severity.CRITICAL, 0), failed.getOrDefault(Severity.HIGH, 0),
					failed.getOrDefault(Severity.MEDIUM, 0), failed.getOrDefault(Severity.LOW, 0),
					this.json.writeValueAsString(resultsByWorkspace.getOrDefault(key, List.of())) });
		}
		this.jdbc.batchUpdate("INSERT INTO workspace_posture (workspace_key, workspace_uuid, workspace_id, "
				+ "workspace_name, subscription_id, resource_group, scan_id, evaluated_at, profile, score, passed, failed, "
				+ "unknown, not_applicable, failed_critical, failed_high, failed_medium, failed_low, results) VALUES "
				+ "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_key) DO UPDATE SET "
				+ "workspace_id = excluded.workspace_id, workspace_name = excluded.workspace_name, "
				+ "scan_id = excluded.scan_id, evaluated_at = excluded.evaluated_at, profile = excluded.profile, "
				+ "score = excluded.score, passed = excluded.passed, failed = excluded.failed, "
				+ "unknown = excluded.unknown, not_applicable = excluded.not_applicable, "
				+ "failed_critical = excluded.failed_critical, failed_high = excluded.failed_high, "
				+ "failed_medium = excluded.failed_medium, failed_low = excluded.failed_low, results = excluded.results",
				rows);
	}

	private static Map<String, Object> resultDocument(CheckResult result) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("checkId", result.checkId());
		document.put("status", result.status().name());
		document.put("resourceId", result.resourceId());
		document.put("resourceType", result.resourceType());
		document.put("resourceName", result.resourceName());
		if (result.evidence() != null) {
			document.put("propertyPath", result.evidence().propertyPath());
			document.put("observed", result.evidence().observed());
			document.put("expected", result.evidence().expected());
		}
		document.put("detail", result.detail());
		return document;
	}

	List<Summary> page(@Nullable String subscription, int limit, long offset) {
		List<Object> args = new ArrayList<>();
		String where = "";
		if (subscription != null) {
			where = " WHERE subscription_id = ?";
			args.add(subscription.toLowerCase(Locale.ROOT));
		}
		args.add(limit);
		args.add(offset);
		return this.jdbc.query("SELECT workspace_uuid, workspace_id, workspace_name, subscription_id, resource_group, "
				+ "scan_id, evaluated_at, profile, score, passed, failed, unknown, not_applicable FROM workspace_posture"
				+ where + " ORDER BY score, workspace_key LIMIT ? OFFSET ?",
				(rs, n) -> new Summary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getObject(6, UUID.class), rs.getTimestamp(7).toInstant(), rs.getString(8),
						rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13)),
				args.toArray());
	}

	long count(@Nullable String subscription) {
		Long count = (subscription != null)
				? this.jdbc.queryForObject("SELECT count(*) FROM workspace_posture WHERE subscription_id = ?",
						Long.class, subscription.toLowerCase(Locale.ROOT))
				: this.jdbc.queryForObject("SELECT count(*) FROM workspace_posture", Long.class);
		return (count != null) ? count : 0;
	}

	Optional<Detail> get(UUID workspaceUuid) {
		return this.jdbc.query("SELECT workspace_uuid, workspace_id, workspace_name, subscription_id, resource_group, "
				+ "scan_id, evaluated_at, profile, score, passed, failed, unknown, not_applicable, results "
				+ "FROM workspace_posture WHERE workspace_uuid = ?", (rs, n) -> {
					Summary summary = new Summary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
							rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class),
							rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
							rs.getInt(12), rs.getInt(13));
					List<StoredResult> results = this.json.readValue(rs.getString(14),
							new TypeReference<List<StoredResult>>() {
							});
					return new Detail(summary, results);
				}, workspaceUuid)
			.stream()
			.findFirst();
	}

	/**
	 * A workspace's latest posture, without its results.
	 */
	record Summary(UUID id, String workspaceId, String name, String subscriptionId, @Nullable String resourceGroup,
			UUID lastScanId, Instant evaluatedAt, @Schema(implementation = Profile.class) String profile, int score,
			int passed, int failed, int unknown, int notApplicable) {
	}

	/**
	 * A workspace's latest posture with every result of the workspace and its
	 * dependencies.
	 */
	record Detail(Summary summary, List<StoredResult> results) {
	}

	/**
	 * One check result as stored with the workspace's posture; evidence fields are
	 * present when the check observed a property.
	 */
	@Schema(name = "PostureResult", description = "One check result of the workspace or a resource it depends on")
	record StoredResult(String checkId, CheckStatus status, String resourceId, String resourceType,
			@Nullable String resourceName, @Nullable String propertyPath, @Nullable String observed,
			@Nullable String expected, @Nullable String detail) {
	}

}
