package io.amlwarden;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.SharedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service migrates an empty database, and refuses to start on a schema it does not
 * know (one migrated by a newer version, or one that Flyway never managed) without
 * touching it.
 */
class SchemaGuardTests {

	@Test
	void migratesAnEmptyDatabaseAndStartsAgainOnIt() throws SQLException {
		String database = freshDatabase();
		try (ConfigurableApplicationContext context = start(database)) {
			assertThat(context.isRunning()).isTrue();
		}
		try (ConfigurableApplicationContext context = start(database)) {
			assertThat(context.isRunning()).isTrue();
		}
		assertThat(count(database, "SELECT count(*) FROM flyway_schema_history WHERE success")).isPositive();
	}

	@Test
	void refusesASchemaMigratedByANewerVersion() throws SQLException {
		String database = freshDatabase();
		start(database).close();
		execute(database, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
				+ "checksum, installed_by, execution_time, success) VALUES (999, '999', 'from the future', 'SQL', "
				+ "'V999__from_the_future.sql', 1, 'someone', 1, true)");
		assertThatThrownBy(() -> start(database).close()).hasStackTraceContaining("999");
		assertThat(count(database, "SELECT count(*) FROM flyway_schema_history WHERE version = '999'")).isOne();
	}

	@Test
	void refusesANonEmptySchemaWithoutHistory() throws SQLException {
		String database = freshDatabase();
		execute(database, "CREATE TABLE audit_event (id text)");
		assertThatThrownBy(() -> start(database).close()).hasStackTraceContaining("non-empty schema");
		assertThat(count(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'audit_event'"))
			.as("the foreign table is left exactly as it was")
			.isOne();
	}

	private static ConfigurableApplicationContext start(String database) {
		// Command-line arguments, because they outrank application.yml (builder
		// properties do not).
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.datasource.url=" + SharedPostgres.jdbcUrl(database),
						"--spring.datasource.username=" + SharedPostgres.username(),
						"--spring.datasource.password=" + SharedPostgres.password(), "--spring.main.banner-mode=off"));
		LocalTokenIssuer.shared().properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		return new SpringApplicationBuilder(AmlWardenApplication.class).run(args.toArray(String[]::new));
	}

	private static String freshDatabase() {
		String name = "guard_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		SharedPostgres.createDatabase(name);
		return name;
	}

	private static void execute(String database, String sql) throws SQLException {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static long count(String database, String sql) throws SQLException {
		try (Connection connection = connect(database);
				Statement statement = connection.createStatement();
				var result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(SharedPostgres.jdbcUrl(database), SharedPostgres.username(),
				SharedPostgres.password());
	}

}
