package io.amlwarden.notifications;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers due outbox rows. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a
 * short lease, so several replicas share the work without sending a row twice at once; a
 * replica that dies mid-delivery leaves a lease that expires and the row is retried
 * (at-least-once: receivers deduplicate on the CloudEvents {@code id}).
 */
@Component
class DeliveryDispatcher {

	private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

	/** Header carrying {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}. */
	static final String SIGNATURE_HEADER = "X-AmlWarden-Signature";

	private static final int BATCH = 50;

	private final NotificationProperties properties;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final HttpClient http;

	private final Map<String, NotificationProperties.Endpoint> endpoints;

	DeliveryDispatcher(NotificationProperties properties, JdbcTemplate jdbc, Clock clock) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.clock = clock;
		// Never follows redirects: a receiver cannot bounce signed events somewhere else.
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.endpoints = properties.endpoints()
			.stream()
			.collect(Collectors.toMap(NotificationProperties.Endpoint::name, Function.identity()));
	}

	@Scheduled(fixedDelayString = "${warden.notifications.poll-interval:5s}",
			initialDelayString = "${warden.notifications.poll-interval:5s}")
	@SchedulerLock(name = "notification-dispatch", lockAtMostFor = "PT5M")
	void tick() {
		dispatchDue();
	}

	/**
	 * Sends every delivery that is due, in batches.
	 * @return how many attempts were made
	 */
	int dispatchDue() {
		int attempted = 0;
		List<Claimed> batch;
		do {
			batch = claim();
			for (Claimed delivery : batch) {
				attempt(delivery);
			}
			attempted += batch.size();
		}
		while (batch.size() == BATCH);
		return attempted;
	}

	private List<Claimed> claim() {
		Instant now = this.clock.instant();
		return this.jdbc.query("UPDATE notification_delivery SET locked_until = ? WHERE id IN (SELECT id FROM "
				+ "notification_delivery WHERE status = 'PENDING' AND next_attempt_at <= ? AND (locked_until IS NULL "
				+ "OR locked_until < ?) ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) "
				+ "RETURNING id, endpoint, payload, attempts",
				(rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4)),
				Timestamp.from(now.plus(this.properties.timeout().multipliedBy(3))), Timestamp.from(now),
				Timestamp.from(now), BATCH);
	}

	private void attempt(Claimed delivery) {
		NotificationProperties.Endpoint endpoint = this.endpoints.get(delivery.endpoint());
		Instant now = this.clock.instant();
		if (endpoint == null) {
			finish(delivery, false, null, "endpoint no longer configured", now, true);
			return;
		}
		long timestamp = now.getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(endpoint.url())
			.timeout(this.properties.timeout())
			.header("Content-Type", "application/cloudevents+json; charset=utf-8")
			.header("User-Agent", "aml-warden")
			.header(SIGNATURE_HEADER,
					"t=" + timestamp + ",v1=" + sign(endpoint.secret(), timestamp, delivery.payload()))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
			.build();
		try {
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			boolean delivered = response.statusCode() / 100 == 2;
			finish(delivery, delivered, response.statusCode(), delivered ? null : "HTTP " + response.statusCode(), now,
					false);
		}
		catch (IOException ex) {
			finish(delivery, false, null, ex.getClass().getSimpleName(), now, false);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			finish(delivery, false, null, "interrupted", now, false);
		}
	}

	private void finish(Claimed delivery, boolean delivered, Integer status, String error, Instant now,
			boolean giveUp) {
		int attempts = delivery.attempts() + 1;
		if (delivered) {
			this.jdbc.update(
					"UPDATE notification_delivery SET status = 'DELIVERED', attempts = ?, last_attempt_at = ?, "
							+ "last_status = ?, last_error = NULL, delivered_at = ?, locked_until = NULL WHERE id = ?",
					attempts, Timestamp.from(now), status, Timestamp.from(now), delivery.id());
			return;
		}
		boolean failed = giveUp || attempts >= this.properties.maxAttempts();
		Instant next = now.plus(backoff(attempts));
		this.jdbc.update(
				"UPDATE notification_delivery SET status = ?, attempts = ?, last_attempt_at = ?, "
						+ "last_status = ?, last_error = ?, next_attempt_at = ?, locked_until = NULL WHERE id = ?",
				failed ? "FAILED" : "PENDING", attempts, Timestamp.from(now), status, error, Timestamp.from(next),
				delivery.id());
		if (failed) {
			log.warn("Giving up on delivery {} to endpoint {} after {} attempts: {}", delivery.id(),
					delivery.endpoint(), attempts, error);
		}
	}

	/**
	 * Capped exponential backoff with full jitter, so receivers recovering from an outage
	 * are not hit by every replica at the same moment.
	 */
	Duration backoff(int attempts) {
		long base = this.properties.initialBackoff().toMillis() << Math.min(attempts - 1, 20);
		long capped = Math.min(base, this.properties.maxBackoff().toMillis());
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

	static String sign(String secret, long timestamp, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every JVM", ex);
		}
	}

	private record Claimed(UUID id, String endpoint, String payload, int attempts) {
	}

}
