package io.amlwarden.support;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Gives a test context a real PostgreSQL (the shared Testcontainers container where
 * Docker runs, else the shared embedded server) with the two roles of a production
 * deployment: Flyway migrates as the schema owner, the service connects as the row-only
 * application role. Import it in every test that touches the database.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	@Bean
	JdbcConnectionDetails wardenAppConnection() {
		String url = SharedPostgres.wardenJdbcUrl();
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return SharedPostgres.APP_ROLE;
			}

			@Override
			public String getPassword() {
				return SharedPostgres.appPassword();
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}

		};
	}

	@Bean
	FlywayConnectionDetails wardenOwnerConnection() {
		String url = SharedPostgres.wardenJdbcUrl();
		return new FlywayConnectionDetails() {

			@Override
			public String getUsername() {
				return SharedPostgres.OWNER_ROLE;
			}

			@Override
			public String getPassword() {
				return SharedPostgres.ownerPassword();
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}

		};
	}

}
