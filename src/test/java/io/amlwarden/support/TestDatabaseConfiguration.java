package io.amlwarden.support;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Gives a test context a real PostgreSQL: the shared Testcontainers container (as a
 * {@code @ServiceConnection}) where Docker runs, else the shared embedded server. Import
 * it in every test that touches the database.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(DockerAvailable.class)
	static class ContainerDatabase {

		// destroyMethod "" keeps the shared container alive when one cached context
		// closes; the JVM shutdown hook stops it.
		@Bean(destroyMethod = "")
		@ServiceConnection
		PostgreSQLContainer postgresContainer() {
			return SharedPostgres.container();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(DockerMissing.class)
	static class EmbeddedDatabase {

		@Bean
		JdbcConnectionDetails embeddedPostgresConnection() {
			return JdbcConnection.postgres(SharedPostgres.embeddedJdbcUrl());
		}

	}

	static class DockerAvailable implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return SharedPostgres.useContainer();
		}

	}

	static class DockerMissing implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !SharedPostgres.useContainer();
		}

	}

}
