package io.amlwarden.findings;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.amlwarden.support.Http;
import io.amlwarden.support.Http.Response;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports cannot starve the API of database connections: ten slow exports at once (held
 * back by a lock on the findings table) occupy at most the configured two connections,
 * the rest are refused with 429 and {@code Retry-After}, and the API keeps answering
 * meanwhile.
 */
@WardenIntegrationTest
class FindingsExportLimitTests extends FindingsHttpTest {

	private static final String EXPORT_QUERY = "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
			+ "AND state = 'active' AND query LIKE '%FROM finding f%ORDER BY f.check_id, f.id%'";

	@Autowired
	DataSource dataSource;

	@Test
	void tenSlowExportsHoldAtMostTwoConnectionsWhileTheApiKeepsAnswering() throws Exception {
		List<CompletableFuture<Response>> exports = new ArrayList<>();
		List<Response> refused = new ArrayList<>();
		try (Connection lock = this.dataSource.getConnection(); Statement statement = lock.createStatement()) {
			lock.setAutoCommit(false);
			statement.execute("LOCK TABLE finding IN ACCESS EXCLUSIVE MODE");
			for (int i = 0; i < 10; i++) {
				exports.add(CompletableFuture.supplyAsync(
						() -> this.http.get("/api/v1/findings/export?format=csv&subscription=" + this.subscription,
								Http.bearer(this.reader))));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (System.nanoTime() < deadline && exports.stream().filter(CompletableFuture::isDone).count() < 8) {
				Thread.sleep(50);
			}
			exports.stream().filter(CompletableFuture::isDone).forEach((export) -> refused.add(export.join()));
			Thread.sleep(500);
			int running = count(statement, EXPORT_QUERY);

			// The API answers within its budget while the exports hang.
			for (int i = 0; i < 5; i++) {
				long started = System.nanoTime();
				Response definitions = this.http.get("/api/v1/access-reviews/definitions", Http.bearer(this.reader));
				assertThat(definitions.status()).as(definitions.body()).isEqualTo(200);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			}
			assertThat(running).as("exports holding a connection").isEqualTo(2);
			lock.rollback();
		}
		assertThat(refused).hasSize(8).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(429);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().get("type").asString()).isEqualTo("urn:aml-warden:problem:too-many-requests");
			assertThat(response.header("Retry-After")).isNotBlank();
		});
		for (CompletableFuture<Response> export : exports) {
			assertThat(export.get(30, TimeUnit.SECONDS).status()).isIn(200, 429);
		}
		// The slots are free again once the exports finished.
		assertThat(this.http
			.get("/api/v1/findings/export?format=csv&subscription=" + this.subscription, Http.bearer(this.reader))
			.status()).isEqualTo(200);
	}

	private static int count(Statement statement, String sql) throws Exception {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getInt(1);
		}
	}

}
