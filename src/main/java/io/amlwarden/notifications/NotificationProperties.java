package io.amlwarden.notifications;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.amlwarden.api.TransportSecurity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where events go and how hard to try.
 *
 * @param endpoints webhook receivers
 * @param maxAttempts attempts before a delivery is marked FAILED
 * @param initialBackoff wait after the first failure; doubles each attempt
 * @param maxBackoff longest wait between attempts
 * @param timeout connect and response timeout per attempt
 * @param source the CloudEvents {@code source} of every event
 */
@Validated
@ConfigurationProperties("warden.notifications")
record NotificationProperties(@DefaultValue @Valid List<Endpoint> endpoints,
		@DefaultValue("8") @Min(1) @Max(50) int maxAttempts, @DefaultValue("10s") Duration initialBackoff,
		@DefaultValue("1h") Duration maxBackoff, @DefaultValue("10s") Duration timeout,
		@DefaultValue("urn:aml-warden") String source) {

	/**
	 * One receiver.
	 *
	 * @param name a stable name, shown in the delivery log
	 * @param url the receiver; https, or http only on the loopback interface
	 * @param secret the HMAC key shared with the receiver (from a Secret or Key Vault,
	 * never logged); at least 32 characters
	 * @param eventTypes event types to send (exact, or a prefix ending in {@code *});
	 * empty sends every event
	 */
	record Endpoint(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+") String name, @NotNull URI url,
			@NotBlank String secret, @DefaultValue List<String> eventTypes) {

		/**
		 * The length rule on a derived property rather than on {@code secret} itself: a
		 * binding error reports the rejected value, and for this rule that is
		 * {@code false}, not the secret.
		 * @return whether the secret is long enough
		 */
		@AssertTrue(message = "secret must be at least 32 characters")
		boolean isSecretLongEnough() {
			return this.secret == null || this.secret.isBlank() || this.secret.length() >= 32;
		}

		@AssertTrue(message = "must use https (http is allowed only for localhost)")
		boolean isUrlSecure() {
			return this.url == null || TransportSecurity.isTlsOrLoopback(this.url);
		}

		boolean accepts(String eventType) {
			if (this.eventTypes.isEmpty()) {
				return true;
			}
			return this.eventTypes.stream()
				.anyMatch((type) -> type.endsWith("*") ? eventType.startsWith(type.substring(0, type.length() - 1))
						: type.equals(eventType));
		}

		@Override
		public String toString() {
			// Records print every component; the secret must never reach a log line.
			return "Endpoint[name=" + this.name + ", url=" + this.url + ", eventTypes=" + this.eventTypes + "]";
		}

	}

}
