package io.amlwarden.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.amlwarden.support.SharedPostgres;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The service connects as a role that may read and write rows and nothing more: it cannot
 * switch off the audit trail's append-only triggers, alter a table, or delete history,
 * even with its own connection in hand. The schema belongs to the migration role.
 */
@WardenIntegrationTest
class DatabaseRolesTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theServiceConnectsAsTheRowOnlyRoleAndTheSchemaBelongsToTheOwner() {
		assertThat(this.jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(SharedPostgres.APP_ROLE);
		assertThat(this.jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_event'",
				String.class))
			.isEqualTo(SharedPostgres.OWNER_ROLE);
		assertThat(this.jdbc.queryForObject(
				"SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles " + "WHERE rolname = current_user",
				Boolean.class))
			.isFalse();
	}

	@Test
	void theServiceRoleCannotDisableTheAppendOnlyTriggersNorDeleteOrAlterHistory() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change"))
				.withMessageContaining("must be owner");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("ALTER TABLE audit_event DISABLE TRIGGER ALL"))
				.withMessageContaining("must be owner");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("DELETE FROM audit_event"))
				.withMessageContaining("permission denied");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("UPDATE audit_event SET outcome = outcome"))
				.withMessageContaining("permission denied");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("TRUNCATE finding_event"))
				.withMessageContaining("permission denied");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("DROP TABLE review_item_event"))
				.withMessageContaining("must be owner");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("DELETE FROM flyway_schema_history"))
				.withMessageContaining("permission denied");
		}
		// The trigger is still in force.
		assertThat(this.jdbc.queryForObject("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_event_no_change'",
				String.class))
			.isEqualTo("O");
	}

}
