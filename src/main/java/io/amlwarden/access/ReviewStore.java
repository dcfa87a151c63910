package io.amlwarden.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.RoleDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import static io.amlwarden.api.SqlValues.instant;
import static io.amlwarden.api.SqlValues.timestamp;

/**
 * Plain-JDBC persistence of review definitions, instances, items and item history. Row
 * locks ({@code FOR UPDATE}, {@code SKIP LOCKED}) make per-item work exactly-once across
 * replicas, which is why this is not JPA.
 */
@Repository
class ReviewStore {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<List<SignalView>> SIGNALS = new TypeReference<>() {
	};

	private static final String ITEM_COLUMNS = "id, review_id, assignment_id, scope, subscription_id, "
			+ "role_definition_id, role_name, principal_id, principal_type, principal_name, principal_state, "
			+ "break_glass, signals, recommendation, reason, workspace_ids, reviewer_ids, decision, justification, "
			+ "decided_by, decided_at, apply_result, apply_detail, applied_by, applied_at, regranted_at, regranted_by, "
			+ "assignment_snapshot, role_snapshot";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	ReviewStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		// Snapshots hold inventory records, whose derived accessors (e.g.
		// RoleDefinition.isCustom) are written out but are not properties to read back.
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	// ---- definitions ---------------------------------------------------------------

	void insertDefinition(Definition d) {
		this.jdbc.update(
				"INSERT INTO access_review_definition (id, name, description, scope, reviewer_mode, "
						+ "reviewer_ids, recurrence, duration, default_decision, auto_apply, justification_required, "
						+ "max_removal_share, next_run_at, created_at, created_by) "
						+ "VALUES (?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				d.id(), d.name(), d.description(), write(d.scope()), d.reviewers().mode().name(),
				write(d.reviewers().principalIds()), (d.recurrence() != null) ? d.recurrence().toString() : null,
				d.duration().toString(), d.defaultDecision().name(), d.autoApply(), d.justificationRequired(),
				d.maxRemovalShare(), timestamp(d.nextRunAt()), timestamp(d.createdAt()), d.createdBy());
	}

	Optional<Definition> findDefinition(UUID id) {
		return this.jdbc.query("SELECT * FROM access_review_definition WHERE id = ?", this::definition, id)
			.stream()
			.findFirst();
	}

	PageResponse<Definition> listDefinitions(PageQuery page) {
		Pageable pageable = page.toPageable(Sort.unsorted());
		long total = count("SELECT count(*) FROM access_review_definition");
		List<Definition> items = this.jdbc.query(
				"SELECT * FROM access_review_definition ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
				this::definition, pageable.getPageSize(), pageable.getOffset());
		return PageResponse.of(new PageImpl<>(items, pageable, total));
	}

	/**
	 * Claims one definition whose next instance is due, skipping those another replica
	 * holds.
	 */
	Optional<Definition> claimDueDefinition(Instant now) {
		return this.jdbc
			.query("SELECT * FROM access_review_definition WHERE next_run_at <= ? ORDER BY next_run_at, id "
					+ "LIMIT 1 FOR UPDATE SKIP LOCKED", this::definition, timestamp(now))
			.stream()
			.findFirst();
	}

	void setNextRun(UUID definitionId, @Nullable Instant at) {
		this.jdbc.update("UPDATE access_review_definition SET next_run_at = ? WHERE id = ?", timestamp(at),
				definitionId);
	}

	private Definition definition(ResultSet rs, int row) throws SQLException {
		String recurrence = rs.getString("recurrence");
		return new Definition(uuid(rs, "id"), rs.getString("name"), rs.getString("description"),
				this.json.readValue(rs.getString("scope"), ReviewScope.class),
				new Reviewers(ReviewerMode.valueOf(rs.getString("reviewer_mode")),
						this.json.readValue(rs.getString("reviewer_ids"), STRINGS)),
				(recurrence != null) ? Duration.parse(recurrence) : null, Duration.parse(rs.getString("duration")),
				DefaultDecision.valueOf(rs.getString("default_decision")), rs.getBoolean("auto_apply"),
				rs.getBoolean("justification_required"), rs.getDouble("max_removal_share"), instant(rs, "next_run_at"),
				instant(rs, "created_at"), rs.getString("created_by"));
	}

	// ---- instances -----------------------------------------------------------------

	void insertInstance(UUID id, UUID definitionId, Instant openedAt, String openedBy, Instant dueAt, int itemCount,
			boolean partial, @Nullable String coverageNote) {
		this.jdbc.update(
				"INSERT INTO access_review (id, definition_id, status, opened_at, opened_by, due_at, "
						+ "item_count, partial, coverage_note) VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?)",
				id, definitionId, timestamp(openedAt), openedBy, timestamp(dueAt), itemCount, partial, coverageNote);
	}

	Optional<Instance> findInstance(UUID id) {
		return this.jdbc.query("SELECT * FROM access_review WHERE id = ?", this::instance, id).stream().findFirst();
	}

	/**
	 * Locks an instance's row: exclusively for state changes (close, apply), shared for
	 * decisions, so no decision lands after a close.
	 */
	Optional<Instance> lockInstance(UUID id, boolean exclusive) {
		return this.jdbc
			.query("SELECT * FROM access_review WHERE id = ? FOR " + (exclusive ? "UPDATE" : "SHARE"), this::instance,
					id)
			.stream()
			.findFirst();
	}

	PageResponse<Instance> listInstances(@Nullable UUID definitionId, @Nullable InstanceStatus status, PageQuery page) {
		Pageable pageable = page.toPageable(Sort.unsorted());
		String where = " WHERE (?::uuid IS NULL OR definition_id = ?::uuid) AND (?::text IS NULL OR status = ?::text)";
		Object[] args = { definitionId, definitionId, (status != null) ? status.name() : null,
				(status != null) ? status.name() : null };
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM access_review" + where, Long.class, args);
		// Arrays.asList, not List.of: the filters are null when absent.
		List<Object> pageArgs = new ArrayList<>(Arrays.asList(args));
		pageArgs.add(pageable.getPageSize());
		pageArgs.add(pageable.getOffset());
		List<Instance> items = this.jdbc.query(
				"SELECT * FROM access_review" + where + " ORDER BY opened_at DESC, id LIMIT ? OFFSET ?", this::instance,
				pageArgs.toArray());
		return PageResponse.of(new PageImpl<>(items, pageable, (total != null) ? total : 0));
	}

	Optional<UUID> claimInstance(String condition, Instant now) {
		return this.jdbc
			.query("SELECT id FROM access_review WHERE " + condition + " ORDER BY due_at, id LIMIT 1 "
					+ "FOR UPDATE SKIP LOCKED", (rs, row) -> uuid(rs, "id"), timestamp(now))
			.stream()
			.findFirst();
	}

	/** Closed instances whose definition applies automatically, not yet applied. */
	List<UUID> closedAutoApply() {
		return this.jdbc.query("SELECT r.id FROM access_review r JOIN access_review_definition d "
				+ "ON d.id = r.definition_id WHERE r.status = 'CLOSED' AND d.auto_apply ORDER BY r.closed_at, r.id",
				(rs, row) -> uuid(rs, "id"));
	}

	void markWarned(UUID id, Instant at) {
		this.jdbc.update("UPDATE access_review SET warned_at = ? WHERE id = ?", timestamp(at), id);
	}

	void markClosed(UUID id, Instant at, String by) {
		this.jdbc.update("UPDATE access_review SET status = 'CLOSED', closed_at = ?, closed_by = ? WHERE id = ?",
				timestamp(at), by, id);
	}

	void startApplying(UUID id, Instant leaseUntil) {
		this.jdbc.update("UPDATE access_review SET status = 'APPLYING', apply_lease_until = ?, run_removals = 0 "
				+ "WHERE id = ?", timestamp(leaseUntil), id);
	}

	/**
	 * Counts one removal against the run's cap, atomically.
	 * @return whether the cap allowed it
	 */
	boolean reserveRemoval(UUID id, int cap) {
		return this.jdbc.update(
				"UPDATE access_review SET run_removals = run_removals + 1 " + "WHERE id = ? AND run_removals < ?", id,
				cap) == 1;
	}

	void releaseRemoval(UUID id) {
		this.jdbc.update("UPDATE access_review SET run_removals = run_removals - 1 WHERE id = ? AND run_removals > 0",
				id);
	}

	int runRemovals(UUID id) {
		Integer value = this.jdbc.queryForObject("SELECT run_removals FROM access_review WHERE id = ?", Integer.class,
				id);
		return (value != null) ? value : 0;
	}

	void markApplied(UUID id, Instant at) {
		this.jdbc.update("UPDATE access_review SET status = 'APPLIED', applied_at = ?, apply_lease_until = NULL "
				+ "WHERE id = ?", timestamp(at), id);
	}

	private Instance instance(ResultSet rs, int row) throws SQLException {
		UUID id = uuid(rs, "id");
		return new Instance(id, uuid(rs, "definition_id"), InstanceStatus.valueOf(rs.getString("status")),
				instant(rs, "opened_at"), rs.getString("opened_by"), instant(rs, "due_at"), instant(rs, "warned_at"),
				instant(rs, "closed_at"), rs.getString("closed_by"), instant(rs, "applied_at"), rs.getInt("item_count"),
				rs.getBoolean("partial"), rs.getString("coverage_note"), progress(id));
	}

	Instant applyLeaseUntil(UUID id) {
		return this.jdbc.queryForObject("SELECT apply_lease_until FROM access_review WHERE id = ?",
				(rs, row) -> instant(rs, "apply_lease_until"), id);
	}

	private Progress progress(UUID reviewId) {
		return this.jdbc.queryForObject("SELECT count(*) FILTER (WHERE decision IS NULL) AS undecided, "
				+ "count(*) FILTER (WHERE decision = 'APPROVE') AS approved, "
				+ "count(*) FILTER (WHERE decision = 'DENY') AS denied, "
				+ "count(*) FILTER (WHERE decision = 'DONT_KNOW') AS dont_know, "
				+ "count(*) FILTER (WHERE apply_result = 'APPLIED_SUCCESSFULLY') AS applied, "
				+ "count(*) FILTER (WHERE apply_result = 'APPLIED_BUT_OBJECT_NOT_FOUND') AS not_found, "
				+ "count(*) FILTER (WHERE apply_result = 'NOT_APPLIED') AS not_applied, "
				+ "count(*) FILTER (WHERE apply_result = 'FAILED') AS failed, "
				+ "count(*) FILTER (WHERE regranted_at IS NOT NULL) AS regranted FROM review_item WHERE review_id = ?",
				(rs, row) -> new Progress(rs.getInt("undecided"), rs.getInt("approved"), rs.getInt("denied"),
						rs.getInt("dont_know"), rs.getInt("applied"), rs.getInt("not_found"), rs.getInt("not_applied"),
						rs.getInt("failed"), rs.getInt("regranted")),
				reviewId);
	}

	// ---- items ---------------------------------------------------------------------

	void insertItem(UUID id, UUID reviewId, AssignmentAssessment a, List<String> reviewerIds) {
		RoleAssignment assignment = a.assignment();
		List<SignalView> signals = a.signals()
			.stream()
			.map((hit) -> new SignalView(hit.signal().checkId(), hit.severity(), hit.evidence()))
			.toList();
		this.jdbc.update("INSERT INTO review_item (id, review_id, assignment_id, assignment_key, scope, "
				+ "subscription_id, role_definition_id, role_name, principal_id, principal_type, principal_name, "
				+ "principal_state, break_glass, assignment_snapshot, role_snapshot, signals, recommendation, reason, "
				+ "workspace_ids, reviewer_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, "
				+ "?::jsonb, ?, ?, ?::jsonb, ?::jsonb)", id, reviewId, assignment.id(),
				assignment.id().toLowerCase(Locale.ROOT), assignment.scope(), a.subscriptionId(),
				assignment.roleDefinitionId(), a.roleName(), assignment.principalId(), assignment.principalType(),
				(a.principal() != null) ? a.principal().displayName() : null, a.principalState().name(), a.breakGlass(),
				write(assignment), (a.role() != null) ? write(a.role()) : null, write(signals),
				a.recommendation().name(), a.reason(), write(a.workspaceIds()), write(reviewerIds));
	}

	Optional<StoredItem> findItem(UUID reviewId, UUID itemId, boolean lock) {
		return this.jdbc
			.query("SELECT " + ITEM_COLUMNS + " FROM review_item WHERE review_id = ? AND id = ?"
					+ (lock ? " FOR UPDATE" : ""), this::storedItem, reviewId, itemId)
			.stream()
			.findFirst();
	}

	PageResponse<Item> listItems(UUID reviewId, ItemFilter filter, PageQuery page) {
		Pageable pageable = page.toPageable(Sort.unsorted());
		List<Object> args = new ArrayList<>();
		StringBuilder where = new StringBuilder(" WHERE review_id = ?");
		args.add(reviewId);
		if (filter.decision() != null) {
			where.append(filter.decision().equals("NONE") ? " AND decision IS NULL" : " AND decision = ?");
			if (!filter.decision().equals("NONE")) {
				args.add(filter.decision());
			}
		}
		if (filter.signal() != null) {
			where.append(" AND signals @> ?::jsonb");
			args.add(write(List.of(java.util.Map.of("checkId", filter.signal()))));
		}
		if (filter.principalType() != null) {
			where.append(" AND lower(principal_type) = lower(?)");
			args.add(filter.principalType());
		}
		if (filter.recommendation() != null) {
			where.append(" AND recommendation = ?");
			args.add(filter.recommendation().name());
		}
		if (filter.applyResult() != null) {
			where.append(" AND apply_result = ?");
			args.add(filter.applyResult().name());
		}
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM review_item" + where, Long.class, args.toArray());
		args.add(pageable.getPageSize());
		args.add(pageable.getOffset());
		List<Item> items = this.jdbc.query(
				"SELECT " + ITEM_COLUMNS + " FROM review_item" + where
						+ " ORDER BY assignment_key, id LIMIT ? OFFSET ?",
				(rs, row) -> storedItem(rs, row).item(), args.toArray());
		return PageResponse.of(new PageImpl<>(items, pageable, (total != null) ? total : 0));
	}

	List<StoredItem> undecidedItems(UUID reviewId) {
		return this.jdbc.query("SELECT " + ITEM_COLUMNS + " FROM review_item WHERE review_id = ? AND decision IS NULL "
				+ "ORDER BY id FOR UPDATE", this::storedItem, reviewId);
	}

	/** The denied, not yet applied items of an instance, in a stable order. */
	List<StoredItem> pendingDenials(UUID reviewId) {
		return this.jdbc.query("SELECT " + ITEM_COLUMNS + " FROM review_item WHERE review_id = ? "
				+ "AND decision = 'DENY' AND apply_result IS NULL ORDER BY id", this::storedItem, reviewId);
	}

	/** How many denied items an apply run could still remove, before any Azure check. */
	int countPendingDenials(UUID reviewId) {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM review_item WHERE review_id = ? "
				+ "AND decision = 'DENY' AND apply_result IS NULL", Integer.class, reviewId);
		return (count != null) ? count : 0;
	}

	/**
	 * The ids of the other items of a review that make an active principal Owner of a
	 * scope (assigned on it or above it) and that no apply run has removed.
	 * @param reviewId the review
	 * @param itemId the item being removed, left out
	 * @param scope the scope, as an ARM id
	 * @return the remaining owners' item ids
	 */
	List<UUID> remainingOwners(UUID reviewId, UUID itemId, String scope) {
		String key = scope.toLowerCase(Locale.ROOT);
		return this.jdbc.queryForList(
				"SELECT id FROM review_item WHERE review_id = ? AND id <> ? "
						+ "AND lower(role_definition_id) LIKE ? AND principal_state = 'ACTIVE' "
						+ "AND (lower(scope) = ? OR scope = '/' OR starts_with(?, lower(rtrim(scope, '/')) || '/')) "
						+ "AND (apply_result IS NULL OR apply_result NOT IN ('APPLIED_SUCCESSFULLY', "
						+ "'APPLIED_BUT_OBJECT_NOT_FOUND'))",
				UUID.class, reviewId, itemId, "%/" + SignalEvaluator.OWNER, key, key);
	}

	/**
	 * Claims the next denied, unapplied item after a cursor; items another replica holds
	 * are skipped, so no item is ever applied twice.
	 */
	Optional<StoredItem> claimNextDenial(UUID reviewId, @Nullable UUID after) {
		return this.jdbc
			.query("SELECT " + ITEM_COLUMNS + " FROM review_item WHERE review_id = ? AND decision = 'DENY' "
					+ "AND apply_result IS NULL AND (?::uuid IS NULL OR id > ?::uuid) ORDER BY id LIMIT 1 "
					+ "FOR UPDATE SKIP LOCKED", this::storedItem, reviewId, after, after)
			.stream()
			.findFirst();
	}

	void decide(UUID itemId, Decision decision, @Nullable String justification, String by, Instant at) {
		this.jdbc.update("UPDATE review_item SET decision = ?, justification = ?, decided_by = ?, decided_at = ? "
				+ "WHERE id = ?", decision.name(), justification, by, timestamp(at), itemId);
	}

	void recordApply(UUID itemId, ApplyResult result, String detail, String by, Instant at) {
		this.jdbc.update("UPDATE review_item SET apply_result = ?, apply_detail = ?, applied_by = ?, applied_at = ? "
				+ "WHERE id = ?", result.name(), truncate(detail), by, timestamp(at), itemId);
	}

	void recordRegrant(UUID itemId, String by, Instant at) {
		this.jdbc.update("UPDATE review_item SET regranted_at = ?, regranted_by = ? WHERE id = ?", timestamp(at), by,
				itemId);
	}

	void appendEvent(UUID itemId, Instant at, String kind, String actor, String outcome, @Nullable String detail,
			@Nullable Object before, @Nullable Object after) {
		this.jdbc.update(
				"INSERT INTO review_item_event (item_id, occurred_at, kind, actor, outcome, detail, before, "
						+ "after) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)",
				itemId, timestamp(at), kind, actor, outcome, (detail != null) ? truncate(detail) : null,
				(before != null) ? write(before) : null, (after != null) ? write(after) : null);
	}

	List<ItemEvent> events(UUID itemId) {
		return this.jdbc.query("SELECT * FROM review_item_event WHERE item_id = ? ORDER BY id",
				(rs, row) -> new ItemEvent(rs.getLong("id"), instant(rs, "occurred_at"), rs.getString("kind"),
						rs.getString("actor"), rs.getString("outcome"), rs.getString("detail"),
						itemState(rs.getString("before")), itemState(rs.getString("after"))),
				itemId);
	}

	private StoredItem storedItem(ResultSet rs, int row) throws SQLException {
		String decision = rs.getString("decision");
		String applyResult = rs.getString("apply_result");
		String roleSnapshot = rs.getString("role_snapshot");
		Item item = new Item(uuid(rs, "id"), uuid(rs, "review_id"), rs.getString("assignment_id"),
				rs.getString("scope"), rs.getString("role_definition_id"), rs.getString("role_name"),
				rs.getString("principal_id"), rs.getString("principal_type"), rs.getString("principal_name"),
				PrincipalState.valueOf(rs.getString("principal_state")), rs.getBoolean("break_glass"),
				this.json.readValue(rs.getString("signals"), SIGNALS),
				Recommendation.valueOf(rs.getString("recommendation")), rs.getString("reason"),
				this.json.readValue(rs.getString("workspace_ids"), STRINGS),
				(decision != null) ? Decision.valueOf(decision) : null, rs.getString("justification"),
				rs.getString("decided_by"), instant(rs, "decided_at"),
				(applyResult != null) ? ApplyResult.valueOf(applyResult) : null, rs.getString("apply_detail"),
				rs.getString("applied_by"), instant(rs, "applied_at"), instant(rs, "regranted_at"),
				rs.getString("regranted_by"));
		return new StoredItem(item, rs.getString("subscription_id"),
				this.json.readValue(rs.getString("assignment_snapshot"), RoleAssignment.class),
				(roleSnapshot != null) ? this.json.readValue(roleSnapshot, RoleDefinition.class) : null,
				this.json.readValue(rs.getString("reviewer_ids"), STRINGS));
	}

	// ---- plumbing ------------------------------------------------------------------

	private long count(String sql) {
		Long value = this.jdbc.queryForObject(sql, Long.class);
		return (value != null) ? value : 0;
	}

	String write(Object value) {
		return this.json.writeValueAsString(value);
	}

	// Events store what they concern as it was: {decision}, {result, assignmentExists} or
	// the role assignment's own fields; the API answers them as one typed record.
	private @Nullable ItemState itemState(@Nullable String value) {
		if (value == null) {
			return null;
		}
		JsonNode node = this.json.readTree(value);
		if (node.has("principalId")) {
			return new ItemState(null, null, null, this.json.treeToValue(node, RoleAssignment.class));
		}
		String decision = node.path("decision").asString(null);
		String result = node.path("result").asString(null);
		return new ItemState((decision != null) ? Decision.valueOf(decision) : null,
				(result != null) ? ApplyResult.valueOf(result) : null,
				node.has("assignmentExists") ? node.get("assignmentExists").asBoolean() : null, null);
	}

	private static String truncate(String value) {
		return (value.length() <= 2000) ? value : value.substring(0, 1999) + "…";
	}

	private static UUID uuid(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, UUID.class);
	}

	/**
	 * An item with what the service keeps beside its API view.
	 *
	 * @param item the API view
	 * @param subscriptionId the subscription ARM calls are routed through
	 * @param assignment the assignment as reviewed
	 * @param role its role definition as reviewed
	 * @param reviewerIds who may decide (empty: any reviewer)
	 */
	record StoredItem(Item item, String subscriptionId, RoleAssignment assignment, @Nullable RoleDefinition role,
			List<String> reviewerIds) {
	}

	/**
	 * Item filters; each one left empty matches everything.
	 *
	 * @param decision APPROVE, DENY, DONT_KNOW or NONE (undecided)
	 * @param signal a signal's check id
	 * @param principalType User, Group, ServicePrincipal...
	 * @param recommendation KEEP, REMOVE, REDUCE_SCOPE
	 * @param applyResult an apply result
	 */
	record ItemFilter(@Nullable String decision, @Nullable String signal, @Nullable String principalType,
			@Nullable Recommendation recommendation, @Nullable ApplyResult applyResult) {
	}

}
