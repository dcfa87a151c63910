package io.amlwarden.findings;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the findings module.
 *
 * @param maxSuppressionDuration longest time a suppression may last; every suppression
 * expires
 * @param maxConcurrentExports how many exports may stream at once (each holds a database
 * connection while it runs); more are refused with 429 and {@code Retry-After}
 * @param exportStatementTimeout longest an export's query may run before PostgreSQL
 * cancels it, so that a stalled export frees its connection
 */
@Validated
@ConfigurationProperties("warden.findings")
record FindingsProperties(@DefaultValue("P180D") Duration maxSuppressionDuration,
		@DefaultValue("2") @Min(1) @Max(20) int maxConcurrentExports,
		@DefaultValue("PT5M") Duration exportStatementTimeout) {

}
