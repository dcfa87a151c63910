package io.amlwarden;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Periodic work for every module: Spring's scheduler, made cluster-safe by ShedLock on
 * the shared PostgreSQL (one replica runs a given tick), with per-item work claimed
 * through row locks by the modules themselves. {@code warden.scheduling.enabled=false}
 * turns every job off (e.g. on a read-only replica or in tests that drive services
 * directly).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "warden.scheduling.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulingConfiguration {

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		// The database clock decides lock expiry, so replicas with skewed clocks cannot
		// overlap.
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
	}

}
