package io.amlwarden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.amlwarden.support.DashboardTokenPrefill;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.SimulatedAzure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The local launcher ({@code ./mvnw spring-boot:test-run}): the real service on port 8080
 * with an embedded PostgreSQL (data kept in {@code target/local/pgdata}), a local
 * Entra-like token issuer, and one bearer token per role written to
 * {@code target/local/tokens.json}, auditing the {@code demo} tenant of the in-process
 * Azure simulator ({@code docs/demo-tenant.md}); with {@code WARDEN_AZURE_LIVE=true} it
 * audits real subscriptions instead ({@code warden.azure.subscriptions}, credential from
 * {@code warden.azure.credential.*}, by default {@code DefaultAzureCredential}). Test
 * code only: nothing here is in the packaged jar.
 */
public final class TestApplication {

	private static final Logger log = LoggerFactory.getLogger(TestApplication.class);

	private static final Path LOCAL = Path.of("target", "local");

	// The dashboard's "paste token" box is pre-filled with it (DashboardTokenPrefill).
	private static String readerToken = "";

	private TestApplication() {
	}

	public static void main(String[] args) throws IOException {
		Files.createDirectories(LOCAL);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(LOCAL.resolve("pgdata"))
			.setCleanDataDirectory(false)
			.start();
		LocalTokenIssuer issuer = LocalTokenIssuer.start();
		readerToken = writeTokens(issuer);

		List<String> arguments = new ArrayList<>(List.of(args));
		// Two roles, as in production: the migrations run as the owner (here the server's
		// superuser), the service connects as the row-only aml_warden_app.
		try (var connection = postgres.getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aml_warden_app') "
					+ "THEN CREATE ROLE aml_warden_app LOGIN; END IF; END $$");
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not create the service's database role", ex);
		}
		arguments.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"));
		arguments.add("--spring.datasource.username=aml_warden_app");
		arguments.add("--spring.datasource.password=");
		arguments.add("--spring.flyway.user=postgres");
		arguments.add("--spring.flyway.password=");
		issuer.properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		// One scheduled scan of the configured subscriptions, fired at start-up, so the
		// inventory, posture and findings APIs have something to show straight away.
		arguments.add("--warden.posture.scans.schedules[0].name=local");
		arguments.add("--warden.posture.scans.schedules[0].cron=0 0 */6 * * *");
		arguments.add("--warden.posture.scans.schedules[0].run-on-startup=true");
		List<Class<?>> configurations = new ArrayList<>(List.of(LocalLauncherConfiguration.class));
		if (SimulatedAzure.liveRequested()) {
			log.info("WARDEN_AZURE_LIVE=true: auditing real Azure with the configured credential "
					+ "(DefaultAzureCredential unless warden.azure.credential.kind says otherwise)");
		}
		else {
			// The demo tenant, served by the in-process Azure simulator.
			SimulatedAzure.properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
			configurations.add(SimulatedAzure.class);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			issuer.close();
			try {
				postgres.close();
			}
			catch (IOException ex) {
				// shutting down anyway
			}
		}, "local-launcher-stop"));
		SpringApplication.from(AmlWardenApplication::main)
			.with(configurations.toArray(Class<?>[]::new))
			.run(arguments.toArray(String[]::new));
	}

	// Tokens last 12 hours so that a working day needs one start; they are valid only for
	// this run's issuer, whose signing key lives in memory.
	private static String writeTokens(LocalTokenIssuer issuer) throws IOException {
		Map<String, String> tokens = new LinkedHashMap<>();
		Map<String, String> roles = Map.of("reader", "Warden.Reader", "operator", "Warden.Operator", "reviewer",
				"Warden.Reviewer", "admin", "Warden.Admin");
		for (String name : List.of("reader", "operator", "reviewer", "admin")) {
			tokens.put(name,
					issuer.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder(
							issuer.claims("local-" + name, List.of(roles.get(name))).build())
						.claim("name", "Local " + name)
						.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(12))))
						.build()));
		}
		Path file = LOCAL.resolve("tokens.json");
		Files.writeString(file,
				JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(tokens));
		return tokens.get("reader");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LocalLauncherConfiguration {

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> dashboardTokenPrefill() {
			return DashboardTokenPrefill.registration(readerToken);
		}

		@Bean
		ApplicationListener<ApplicationReadyEvent> localBanner(Environment environment) {
			return (event) -> {
				String port = environment.getProperty("local.server.port", "8080");
				log.info(
						"""

								  AML Warden is running locally.
								    Swagger UI : http://localhost:{}/swagger-ui.html
								    Dashboard  : http://localhost:{}/dashboard/
								    Tokens     : {} (reader, operator, reviewer, admin; valid 12 h)
								    Try        : curl -H "Authorization: Bearer $(jq -r .reader {})" http://localhost:{}/api/v1/audit-events
								""",
						port, port, LOCAL.resolve("tokens.json").toAbsolutePath(), LOCAL.resolve("tokens.json"), port);
			};
		}

	}

}
