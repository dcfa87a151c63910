package io.amlwarden.findings;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the findings module.
 *
 * @param maxSuppressionDuration longest time a suppression may last; every suppression
 * expires
 */
@Validated
@ConfigurationProperties("warden.findings")
record FindingsProperties(@DefaultValue("P180D") Duration maxSuppressionDuration) {

}
