package io.amlwarden.reliability.replicas;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.amlwarden.AmlWardenApplication;
import io.amlwarden.reliability.Reliability;
import io.amlwarden.azure.SimulatorHttpClient;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.SharedPostgres;
import io.amlwarden.support.SimulatedAzure;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Full application instances ("replicas") sharing one fresh database and the JVM's demo
 * Azure simulator, and plain JDBC access to that database for the assertions.
 */
final class Replicas {

	/** The tenant of the local token issuer, which every instance trusts. */
	static final String TENANT = LocalTokenIssuer.TENANT_ID;

	private Replicas() {
	}

	/** Properties that point an instance at a simulator of the test's own. */
	static Map<String, String> azureProperties(String subscription) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("warden.azure.tenant-id", TENANT);
		properties.put("warden.azure.subscriptions", subscription);
		properties.put("warden.azure.credential.client-id", "11111111-1111-1111-1111-111111111111");
		return properties;
	}

	/** An SDK HTTP client that sends every request to the given simulator. */
	static HttpClient httpClient(AzureSimulator simulator, Duration timeout) {
		return new SimulatorHttpClient(
				new NettyAsyncHttpClientBuilder().responseTimeout(timeout).readTimeout(timeout).build(),
				simulator.port());
	}

	static String freshDatabase(String prefix) {
		String name = prefix + "_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
		SharedPostgres.createDatabase(name);
		return name;
	}

	/**
	 * Starts one instance on the database with scheduling on.
	 * @param properties extra properties (they outrank application.yml)
	 */
	static ConfigurableApplicationContext start(String database, Map<String, String> properties,
			Class<?>... configurations) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("spring.main.banner-mode", "off");
		all.put("spring.datasource.url", SharedPostgres.jdbcUrl(database));
		all.put("spring.datasource.username", SharedPostgres.username());
		all.put("spring.datasource.password", SharedPostgres.password());
		all.put("spring.datasource.hikari.maximum-pool-size", "4");
		all.put("warden.scheduling.enabled", "true");
		all.putAll(LocalTokenIssuer.shared().properties());
		all.putAll(SimulatedAzure.properties());
		all.putAll(properties);
		List<String> args = new ArrayList<>();
		all.forEach((name, value) -> args.add("--" + name + "=" + value));
		List<Class<?>> sources = new ArrayList<>(List.of(AmlWardenApplication.class, SimulatedAzure.class));
		sources.addAll(List.of(configurations));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(args.toArray(String[]::new));
	}

	static void closeAll(List<ConfigurableApplicationContext> contexts) {
		for (ConfigurableApplicationContext context : contexts) {
			try {
				context.close();
			}
			catch (RuntimeException ex) {
				// closing anyway
			}
		}
	}

	/**
	 * Stops an instance the way the database sees a crashed process: its connection pool
	 * is closed at once (so nothing more it does reaches the database: no heartbeat, no
	 * result, no failure mark), then the context is closed from another thread.
	 */
	static void crash(ConfigurableApplicationContext context) {
		try {
			context.getBean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class).close();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		Thread closer = new Thread(() -> {
			try {
				context.close();
			}
			catch (RuntimeException ex) {
				// it is gone either way
			}
		}, "replica-crash");
		closer.setDaemon(true);
		closer.start();
	}

	/** The HTTP port the instance listens on (started on port 0). */
	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * The owner name the instance's scan runner writes into {@code scan.owner}.
	 */
	static String scanOwner(ConfigurableApplicationContext context) {
		try {
			Class<?> type = Class.forName("io.amlwarden.scans.ScanRunner");
			Object runner = context.getBean(type);
			Field owner = type.getDeclaredField("owner");
			owner.setAccessible(true);
			return (String) owner.get(runner);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(SharedPostgres.jdbcUrl(database), SharedPostgres.username(),
				SharedPostgres.password());
	}

	static List<Map<String, Object>> rows(String database, String sql) throws SQLException {
		try (Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			List<Map<String, Object>> rows = new ArrayList<>();
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int i = 1; i <= columns; i++) {
					Object value = rs.getObject(i);
					if (value instanceof java.sql.Timestamp timestamp) {
						value = timestamp.toInstant();
					}
					row.put(rs.getMetaData().getColumnLabel(i), value);
				}
				rows.add(row);
			}
			return rows;
		}
	}

	static long count(String database, String sql) throws SQLException {
		List<Map<String, Object>> rows = rows(database, sql);
		return ((Number) rows.get(0).values().iterator().next()).longValue();
	}

	static void execute(String database, String sql) throws SQLException {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	static void await(String what, long timeoutMillis, Check check) throws Exception {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		while (!check.holds()) {
			if (System.currentTimeMillis() > deadline) {
				throw new AssertionError("timed out waiting for " + what);
			}
			Thread.sleep(200);
		}
	}

	/**
	 * Appends measured figures to {@code target/reliability/figures.txt}.
	 */
	static void record(String name, Map<String, ? extends Object> figures) {
		Reliability.record(name, figures);
	}

	@FunctionalInterface
	interface Check {

		boolean holds() throws Exception;

	}

}
