package io.amlwarden.scans;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posture history through its API: points per workspace and scan, the trend's last value
 * per bucket with visible gaps, partial scans marked, retention. Scans and postures are
 * written straight into the tables of a subscription of its own, at chosen times, so that
 * buckets and gaps are deterministic; the scan pipeline's own call is covered by
 * {@code OverviewConsistencyTests}.
 */
@WardenIntegrationTest
class PostureHistoryTests {

	static final Instant MONDAY = Instant.parse("2025-03-03T10:00:00Z");

	static final Instant WEDNESDAY = Instant.parse("2025-03-05T10:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	LocalTokenIssuer issuer;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PostureHistory history;

	Http http;

	String reader;

	final String subscription = UUID.randomUUID().toString();

	final List<UUID> scans = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		this.reader = this.issuer.token("reader-" + UUID.randomUUID(), "Warden.Reader");
	}

	@AfterEach
	void cleanUp() {
		for (UUID scan : this.scans) {
			this.jdbc.update("DELETE FROM posture_history WHERE scan_id = ?", scan);
			this.jdbc.update("DELETE FROM posture_rollup WHERE scan_id = ?", scan);
		}
		this.jdbc.update("DELETE FROM workspace_posture WHERE subscription_id = ?", this.subscription);
		for (UUID scan : this.scans) {
			this.jdbc.update("DELETE FROM scan WHERE id = ?", scan);
		}
	}

	@Test
	void historyHasOnePointPerScanAndTheTrendTheLastRollUpPerBucketWithGapsAndPartialScansMarked() {
		UUID first = scan(MONDAY);
		UUID one = posture("ws-one", first, MONDAY, 40, 3);
		UUID two = posture("ws-two", first, MONDAY, 80, 1);
		this.history.record(first, MONDAY, false);
		UUID second = scan(WEDNESDAY);
		posture("ws-one", second, WEDNESDAY, 60, 2);
		this.history.record(second, WEDNESDAY, true);

		JsonNode points = get(
				"/api/v1/workspaces/" + one + "/history?from=2025-03-01T00:00:00Z&to=2025-03-10T00:00:00Z")
			.get("points");
		assertThat(points).hasSize(2);
		assertThat(points.get(0).get("scanId").asString()).isEqualTo(first.toString());
		assertThat(points.get(0).get("score").asInt()).isEqualTo(40);
		assertThat(points.get(0).get("critical").asInt()).isEqualTo(3);
		assertThat(points.get(0).get("partial").asBoolean()).isFalse();
		assertThat(points.get(1).get("scanId").asString()).isEqualTo(second.toString());
		assertThat(points.get(1).get("score").asInt()).isEqualTo(60);
		assertThat(points.get(1).get("partial").asBoolean()).isTrue();
		assertThat(get("/api/v1/workspaces/" + two + "/history?from=2025-03-01T00:00:00Z&to=2025-03-10T00:00:00Z")
			.get("points")).hasSize(1);

		JsonNode trend = get("/api/v1/posture/trend?subscription=" + this.subscription.toUpperCase()
				+ "&from=2025-03-03T05:00:00Z&to=2025-03-06T00:00:00Z&bucket=day");
		assertThat(trend.get("bucket").asString()).isEqualTo("DAY");
		assertThat(trend.get("from").asString()).isEqualTo("2025-03-03T00:00:00Z");
		assertThat(trend.get("series")).hasSize(1);
		JsonNode series = trend.get("series").get(0);
		assertThat(series.get("subscriptionId").asString()).isEqualTo(this.subscription);
		JsonNode days = series.get("points");
		assertThat(days).hasSize(3);
		assertThat(days.get(0).get("scanId").asString()).isEqualTo(first.toString());
		assertThat(days.get(0).get("score").asInt()).isEqualTo(60);
		assertThat(days.get(0).get("workspaces").asInt()).isEqualTo(2);
		assertThat(days.get(0).get("critical").asInt()).isEqualTo(4);
		assertThat(days.get(0).get("gap").asBoolean()).isFalse();
		assertThat(days.get(1).get("bucketStart").asString()).isEqualTo("2025-03-04T00:00:00Z");
		assertThat(days.get(1).get("gap").asBoolean()).isTrue();
		assertThat(days.get(1).get("score").isNull()).isTrue();
		assertThat(days.get(1).get("scanId").isNull()).isTrue();
		assertThat(days.get(2).get("scanId").asString()).isEqualTo(second.toString());
		assertThat(days.get(2).get("score").asInt()).isEqualTo(70);
		assertThat(days.get(2).get("critical").asInt()).isEqualTo(3);
		assertThat(days.get(2).get("partial").asBoolean()).isTrue();

		JsonNode weeks = get("/api/v1/posture/trend?subscription=" + this.subscription
				+ "&from=2025-03-04T00:00:00Z&to=2025-03-09T00:00:00Z&bucket=WEEK");
		assertThat(weeks.get("from").asString()).isEqualTo("2025-03-03T00:00:00Z");
		assertThat(weeks.at("/series/0/points")).hasSize(1);
		assertThat(weeks.at("/series/0/points/0/scanId").asString()).isEqualTo(second.toString());

		JsonNode tenant = get("/api/v1/posture/trend?from=2025-03-03T00:00:00Z&to=2025-03-06T00:00:00Z");
		assertThat(tenant.at("/series/0/subscriptionId").isNull()).isTrue();
		assertThat(tenant.at("/series/0/points/2/scanId").asString()).isEqualTo(second.toString());
	}

	@Test
	void perScanTrendHasAPointForEveryScanEvenOnOneDay() {
		Instant morning = MONDAY;
		Instant evening = MONDAY.plus(java.time.Duration.ofHours(9));
		UUID first = scan(morning);
		posture("ws-one", first, morning, 40, 3);
		this.history.record(first, morning, false);
		UUID second = scan(evening);
		posture("ws-one", second, evening, 70, 1);
		this.history.record(second, evening, false);
		String range = "&from=2025-03-01T00:00:00Z&to=2025-03-10T00:00:00Z";

		JsonNode scans = get("/api/v1/posture/trend?bucket=scan&subscription=" + this.subscription + range);
		assertThat(scans.get("bucket").asString()).isEqualTo("SCAN");
		JsonNode points = scans.at("/series/0/points");
		assertThat(points).hasSize(2);
		assertThat(points.get(0).get("scanId").asString()).isEqualTo(first.toString());
		assertThat(points.get(0).get("bucketStart").asString()).isEqualTo(morning.toString());
		assertThat(points.get(0).get("score").asInt()).isEqualTo(40);
		assertThat(points.get(1).get("scanId").asString()).isEqualTo(second.toString());
		assertThat(points.get(1).get("score").asInt()).isEqualTo(70);
		assertThat(points).allSatisfy((point) -> assertThat(point.get("gap").asBoolean()).isFalse());
		// The same two scans in day buckets: one point, the day's last scan.
		JsonNode days = get("/api/v1/posture/trend?bucket=day&subscription=" + this.subscription + range)
			.at("/series/0/points");
		List<String> dayScans = new java.util.ArrayList<>();
		days.forEach((day) -> {
			if (day.get("scanId").isString()) {
				dayScans.add(day.get("scanId").asString());
			}
		});
		assertThat(dayScans).containsExactly(second.toString());
		// Per-scan points are a posture-trend view; findings change per day or week.
		Response findings = this.http.get("/api/v1/findings/trend?bucket=scan", Http.bearer(this.reader));
		assertThat(findings.status()).isEqualTo(400);
		assertThat(findings.contentType()).startsWith("application/problem+json");
	}

	@Test
	void retentionDeletesOnlyOlderHistoryAndIsIdempotent() {
		UUID first = scan(MONDAY);
		UUID one = posture("ws-one", first, MONDAY, 40, 0);
		this.history.record(first, MONDAY, false);
		UUID second = scan(WEDNESDAY);
		posture("ws-one", second, WEDNESDAY, 90, 0);
		this.history.record(second, WEDNESDAY, false);

		assertThat(this.history.prune(Instant.parse("2025-03-04T00:00:00Z"))).isGreaterThanOrEqualTo(3);
		assertThat(this.history.prune(Instant.parse("2025-03-04T00:00:00Z"))).isZero();
		JsonNode points = get(
				"/api/v1/workspaces/" + one + "/history?from=2025-03-01T00:00:00Z&to=2025-03-10T00:00:00Z")
			.get("points");
		assertThat(points).hasSize(1);
		assertThat(points.get(0).get("scanId").asString()).isEqualTo(second.toString());
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM posture_rollup WHERE scan_id = ?", Integer.class, first))
			.isZero();
	}

	@Test
	void badRangesAndBucketsAreProblemsAndUnknownWorkspacesNotFound() {
		for (String query : List.of("bucket=month", "from=2025-03-05T00:00:00Z&to=2025-03-01T00:00:00Z",
				"from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from=yesterday",
				"subscription=" + "x".repeat(65))) {
			Response response = this.http.get("/api/v1/posture/trend?" + query, Http.bearer(this.reader));
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.contentType()).as(query).startsWith("application/problem+json");
		}
		Response reversed = this.http.get("/api/v1/workspaces/" + UUID.randomUUID()
				+ "/history?from=2025-03-05T00:00:00Z&to=2025-03-01T00:00:00Z", Http.bearer(this.reader));
		assertThat(reversed.status()).isEqualTo(400);
		Response unknown = this.http.get("/api/v1/workspaces/" + UUID.randomUUID() + "/history",
				Http.bearer(this.reader));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("urn:aml-warden:problem:not-found");
	}

	private UUID scan(Instant at) {
		UUID id = UUID.randomUUID();
		this.scans.add(id);
		this.jdbc.update(
				"INSERT INTO scan (id, scope_key, subscription_ids, resource_groups, workspace_ids, profile, trigger, "
						+ "requested_by, state, created_at, started_at, finished_at) VALUES (?, ?, ARRAY[?], '{}', '{}', "
						+ "'BASELINE', 'API', 'test', 'SUCCEEDED', ?, ?, ?)",
				id, "history-test/" + id, this.subscription, Timestamp.from(at), Timestamp.from(at),
				Timestamp.from(at));
		return id;
	}

	private UUID posture(String name, UUID scan, Instant at, int score, int critical) {
		String armId = "/subscriptions/" + this.subscription + "/resourceGroups/rg/providers/"
				+ "Microsoft.MachineLearningServices/workspaces/" + name;
		UUID uuid = UUID.nameUUIDFromBytes(armId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		this.jdbc.update("INSERT INTO workspace_posture (workspace_key, workspace_uuid, workspace_id, workspace_name, "
				+ "subscription_id, resource_group, scan_id, evaluated_at, profile, score, passed, failed, unknown, "
				+ "not_applicable, failed_critical, failed_high, failed_medium, failed_low, results) VALUES "
				+ "(?, ?, ?, ?, ?, 'rg', ?, ?, 'BASELINE', ?, 10, ?, 0, 1, ?, 0, 0, 0, '[]') ON CONFLICT (workspace_key) "
				+ "DO UPDATE SET scan_id = excluded.scan_id, evaluated_at = excluded.evaluated_at, score = excluded.score, "
				+ "failed = excluded.failed, failed_critical = excluded.failed_critical", armId.toLowerCase(), uuid,
				armId, name, this.subscription, scan, Timestamp.from(at), score, critical, critical);
		return uuid;
	}

	private JsonNode get(String path) {
		Response response = this.http.get(path, Http.bearer(this.reader));
		assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
		return response.json();
	}

}
