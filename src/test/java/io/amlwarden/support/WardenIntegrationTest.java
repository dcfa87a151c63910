package io.amlwarden.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port, on the shared test PostgreSQL, trusting the shared
 * local token issuer, auditing the shared Azure simulator's demo tenant. Every class
 * using it shares one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ TestDatabaseConfiguration.class, LocalIssuerConfiguration.class, SimulatedAzure.class, StatementCounter.class,
		DashboardTokenPrefill.class })
@ContextConfiguration(initializers = { LocalIssuerConfiguration.Initializer.class, SimulatedAzure.Initializer.class })
public @interface WardenIntegrationTest {

}
