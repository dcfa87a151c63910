package io.amlwarden.notifications;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook secrets never appear in what a configuration error reports nor in a record's
 * {@code toString}.
 */
class SecretsInConfigurationTests {

	private static final String SHORT_SECRET = "s3cr3t-but-too-short-Zq";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Binding.class);

	@Test
	void aTooShortWebhookSecretIsRefusedWithoutBeingQuoted() {
		this.runner
			.withPropertyValues("warden.notifications.endpoints[0].name=siem",
					"warden.notifications.endpoints[0].url=https://siem.example.com/hook",
					"warden.notifications.endpoints[0].secret=" + SHORT_SECRET)
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				assertThat(failure).isNotNull();
				StringWriter trace = new StringWriter();
				failure.printStackTrace(new PrintWriter(trace));
				assertThat(trace.toString()).contains("secret must be at least 32 characters")
					.doesNotContain(SHORT_SECRET);
				// What the start-up failure analysis prints: each field error's rejected
				// value.
				BindValidationException validation = cause(failure, BindValidationException.class);
				assertThat(validation).isNotNull();
				assertThat(validation.getValidationErrors().getAllErrors()).isNotEmpty()
					.allSatisfy((error) -> assertThat(
							String.valueOf((error instanceof FieldError field) ? field.getRejectedValue() : error))
						.doesNotContain(SHORT_SECRET));
			});
	}

	@Test
	void endpointsPrintWithoutTheirSecret() {
		String secret = "a-webhook-secret-of-at-least-32-characters";
		NotificationProperties.Endpoint endpoint = new NotificationProperties.Endpoint("siem",
				URI.create("https://siem.example.com/hook"), secret, List.of());
		assertThat(endpoint.toString()).contains("siem").doesNotContain(secret);
	}

	private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NotificationProperties.class)
	static class Binding {

	}

}
