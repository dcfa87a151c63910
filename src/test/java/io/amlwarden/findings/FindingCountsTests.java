package io.amlwarden.findings;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.findings.Observation.Outcome;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.Http;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counts the database keeps for the read API (V9: {@code finding_count} and
 * {@code workspace_open_count}) equal a real count of the findings after every kind of
 * write: ledger inserts, resolutions, regressions, severity changes and re-links,
 * suppressions and their revocation through the HTTP API, link and finding deletions, and
 * compaction. Each check compares the kept sums with {@code count(*)} over the whole
 * tables in one statement (one snapshot), and the API's {@code totalItems} with a real
 * count.
 */
@WardenIntegrationTest
class FindingCountsTests extends FindingsHttpTest {

	private static final String[] STATES = { "OPEN", "RESOLVED", "SUPPRESSED" };

	private static final String[] SEVERITIES = { "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO" };

	@Autowired
	FindingSummaries summaries;

	@Autowired
	FindingStore rows;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void countsFollowEveryLedgerAndApiChange() {
		// Scan 1: three failing findings, one of them reported under both workspaces.
		record(observation("kv-purge-protection", "HIGH", vault("kv-a"), List.of(workspace("ws1")), Outcome.FAIL),
				observation("kv-soft-delete", "CRITICAL", vault("kv-b"), List.of(workspace("ws1"), workspace("ws2")),
						Outcome.FAIL),
				observation("st-min-tls-1-2", "MEDIUM", storage("sta"), List.of(workspace("ws2")), Outcome.FAIL));
		assertCountsMatch();
		assertThat(total("")).isEqualTo(3);
		assertThat(total("&state=OPEN&severity=HIGH")).isEqualTo(1);
		assertThat(openBySeverity("ws1")).isEqualTo(Map.of("HIGH", 1, "CRITICAL", 1));
		assertThat(openBySeverity("ws2")).isEqualTo(Map.of("CRITICAL", 1, "MEDIUM", 1));

		// Scan 2: kv-a passes (resolved), kv-b's severity drops and it is re-linked to
		// ws2 only.
		record(observation("kv-purge-protection", "HIGH", vault("kv-a"), List.of(workspace("ws1")), Outcome.PASS),
				observation("kv-soft-delete", "HIGH", vault("kv-b"), List.of(workspace("ws2")), Outcome.FAIL),
				observation("st-min-tls-1-2", "MEDIUM", storage("sta"), List.of(workspace("ws2")), Outcome.FAIL));
		assertCountsMatch();
		assertThat(total("&state=RESOLVED")).isEqualTo(1);
		assertThat(total("&state=OPEN")).isEqualTo(2);
		assertThat(openBySeverity("ws1")).isEmpty();
		assertThat(openBySeverity("ws2")).isEqualTo(Map.of("HIGH", 1, "MEDIUM", 1));

		// Suppressed through the API, then revoked through the API.
		String operator = this.issuer.token("operator-" + UUID.randomUUID(), "Warden.Operator");
		String admin = this.issuer.token("admin-" + UUID.randomUUID(), "Warden.Admin");
		String body = """
				{"type":"RISK_ACCEPTED","justification":"Storage TLS is enforced at the gateway",
				 "expiresAt":"%s","checkId":"st-min-tls-1-2","scopePrefix":"/subscriptions/%s"}"""
			.formatted(Instant.now().plus(30, ChronoUnit.DAYS), this.subscription);
		Response created = this.http.post("/api/v1/suppressions", "application/json", body, Http.bearer(operator));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		Response approved = this.http.post("/api/v1/suppressions/" + id + "/approve", "application/json", "",
				Http.bearer(admin));
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
		assertCountsMatch();
		assertThat(total("&state=SUPPRESSED&severity=MEDIUM")).isEqualTo(1);
		assertThat(openBySeverity("ws2")).isEqualTo(Map.of("HIGH", 1));

		Response revoked = this.http.post("/api/v1/suppressions/" + id + "/revoke", "application/json", "",
				Http.bearer(admin));
		assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
		assertCountsMatch();
		assertThat(total("&state=SUPPRESSED")).isZero();
		assertThat(openBySeverity("ws2")).isEqualTo(Map.of("HIGH", 1, "MEDIUM", 1));

		// Scan 3: kv-a fails again (regressed) under ws1.
		record(observation("kv-purge-protection", "HIGH", vault("kv-a"), List.of(workspace("ws1")), Outcome.FAIL),
				observation("kv-soft-delete", "HIGH", vault("kv-b"), List.of(workspace("ws2")), Outcome.FAIL),
				observation("st-min-tls-1-2", "MEDIUM", storage("sta"), List.of(workspace("ws2")), Outcome.FAIL));
		assertCountsMatch();
		assertThat(total("&state=OPEN&severity=HIGH")).isEqualTo(2);
		assertThat(openBySeverity("ws1")).isEqualTo(Map.of("HIGH", 1));

		// Each recording folds the deltas into one row per key.
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM (SELECT 1 FROM finding_count "
						+ "WHERE subscription_id = ? GROUP BY state, severity HAVING count(*) > 1) d",
				Long.class, this.subscription))
			.isZero();
	}

	@Test
	void countsFollowDeletedLinksAndFindings() {
		record(observation("kv-purge-protection", "LOW", vault("kv-a"), List.of(workspace("ws1"), workspace("ws2")),
				Outcome.FAIL),
				observation("kv-soft-delete", "LOW", vault("kv-a"), List.of(workspace("ws1")), Outcome.FAIL));
		assertThat(openBySeverity("ws1")).isEqualTo(Map.of("LOW", 2));

		// A link removed (e.g. by hand, or a future retention job).
		this.jdbc.update("DELETE FROM finding_workspace WHERE workspace_key = ?", workspace("ws2").toLowerCase());
		assertCountsMatch();
		assertThat(openBySeverity("ws2")).isEmpty();

		// Findings deleted with their links (ON DELETE CASCADE): history rows pin
		// recorded findings, so these are inserted without any.
		for (String name : List.of("kv-x", "kv-y")) {
			UUID id = UUID.randomUUID();
			this.jdbc.update("INSERT INTO finding (id, fingerprint, check_id, check_title, severity, category, "
					+ "resource_id, resource_key, resource_type, resource_name, subscription_id, state, change, "
					+ "first_seen_at, last_seen_at, state_changed_at, occurrences) VALUES (?, ?, 'kv-x', 'x', 'CRITICAL', "
					+ "'ENCRYPTION', ?, ?, 'type', ?, ?, 'OPEN', 'NEW', now(), now(), now(), 1)", id,
					UUID.randomUUID().toString(), vault(name), vault(name).toLowerCase(), name, this.subscription);
			this.jdbc.update("INSERT INTO finding_workspace (finding_id, workspace_key) VALUES (?, ?), (?, ?)", id,
					workspace("ws1").toLowerCase(), id, workspace("ws3").toLowerCase());
		}
		assertCountsMatch();
		assertThat(openBySeverity("ws1")).isEqualTo(Map.of("LOW", 2, "CRITICAL", 2));
		assertThat(total("&severity=CRITICAL")).isEqualTo(2);

		this.jdbc.update("DELETE FROM finding WHERE subscription_id = ? AND check_id = 'kv-x'", this.subscription);
		assertCountsMatch();
		assertThat(openBySeverity("ws1")).isEqualTo(Map.of("LOW", 2));
		assertThat(openBySeverity("ws3")).isEmpty();
		assertThat(total("&severity=CRITICAL")).isZero();

		this.rows.compactCounts();
		assertCountsMatch();
		assertThat(total("")).isEqualTo(2);
	}

	/**
	 * The kept counts equal real counts over all findings (every subscription and
	 * workspace, not only this test's), in one snapshot; and the API's totalItems for
	 * this subscription equals a real count for every state and severity filter.
	 */
	private void assertCountsMatch() {
		List<Map<String, Object>> findingMismatches = this.jdbc.queryForList("SELECT * FROM "
				+ "(SELECT subscription_id, state, severity, sum(n) AS kept FROM finding_count GROUP BY 1, 2, 3 "
				+ "HAVING sum(n) <> 0) c FULL JOIN (SELECT subscription_id, state, severity, count(*) AS actual "
				+ "FROM finding GROUP BY 1, 2, 3) r USING (subscription_id, state, severity) "
				+ "WHERE c.kept IS DISTINCT FROM r.actual");
		assertThat(findingMismatches).isEmpty();
		List<Map<String, Object>> workspaceMismatches = this.jdbc.queryForList("SELECT * FROM "
				+ "(SELECT workspace_key, severity, sum(n) AS kept FROM workspace_open_count GROUP BY 1, 2 "
				+ "HAVING sum(n) <> 0) c FULL JOIN (SELECT w.workspace_key, f.severity, count(*) AS actual "
				+ "FROM finding_workspace w JOIN finding f ON f.id = w.finding_id WHERE f.state = 'OPEN' GROUP BY 1, 2) r "
				+ "USING (workspace_key, severity) WHERE c.kept IS DISTINCT FROM r.actual");
		assertThat(workspaceMismatches).isEmpty();
		assertThat(total("")).isEqualTo(actual(null, null));
		for (String state : STATES) {
			assertThat(total("&state=" + state)).as(state).isEqualTo(actual(state, null));
			for (String severity : SEVERITIES) {
				assertThat(total("&state=" + state + "&severity=" + severity)).as(state + " " + severity)
					.isEqualTo(actual(state, severity));
			}
		}
	}

	private long actual(String state, String severity) {
		Long count = this.jdbc
			.queryForObject("SELECT count(*) FROM finding WHERE subscription_id = ? AND state = coalesce(?, state) "
					+ "AND severity = coalesce(?, severity)", Long.class, this.subscription, state, severity);
		return (count != null) ? count : -1;
	}

	private long total(String filters) {
		Response response = this.http.get("/api/v1/findings?size=1&subscription=" + this.subscription + filters,
				Http.bearer(this.reader));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("totalItems").asLong();
	}

	private Map<String, Integer> openBySeverity(String workspace) {
		return this.summaries.openBySeverity(List.of(workspace(workspace)))
			.getOrDefault(workspace(workspace).toLowerCase(), Map.of());
	}

	private void record(Observation... observations) {
		this.ledger.record(UUID.randomUUID(), Instant.now(), new ScanCoverage(true, Set.of(this.subscription), Set.of(),
				Set.of(), Set.of("kv-purge-protection", "kv-soft-delete", "st-min-tls-1-2")), List.of(observations));
	}

	private Observation observation(String check, String severity, String resource, List<String> workspaces,
			Outcome outcome) {
		return new Observation(check, "Title of " + check, severity, "ENCRYPTION", resource, "type",
				resource.substring(resource.lastIndexOf('/') + 1), this.subscription, workspaces, null, outcome,
				"properties.x", "observed", "expected", "detail", "az fix");
	}

	private String workspace(String name) {
		return "/subscriptions/" + this.subscription
				+ "/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/" + name;
	}

	private String vault(String name) {
		return "/subscriptions/" + this.subscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/" + name;
	}

	private String storage(String name) {
		return "/subscriptions/" + this.subscription + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/"
				+ name;
	}

}
