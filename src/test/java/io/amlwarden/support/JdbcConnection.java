package io.amlwarden.support;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Connection details of a test database that Spring Boot cannot discover itself (the
 * embedded server, a database a test starts and stops on its own).
 *
 * @param jdbcUrl the JDBC URL
 * @param username the user
 * @param password the password
 */
public record JdbcConnection(String jdbcUrl, String username, String password) implements JdbcConnectionDetails {

	/**
	 * The embedded server's superuser, which has no password.
	 * @param jdbcUrl the JDBC URL of one of its databases
	 * @return the connection details
	 */
	public static JdbcConnection postgres(String jdbcUrl) {
		return new JdbcConnection(jdbcUrl, "postgres", "");
	}

	@Override
	public String getJdbcUrl() {
		return this.jdbcUrl;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public String getPassword() {
		return this.password;
	}

}
