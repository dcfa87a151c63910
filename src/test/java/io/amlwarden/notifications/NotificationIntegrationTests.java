package io.amlwarden.notifications;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook delivery end to end against a receiver on the loopback interface: CloudEvents
 * shape, HMAC signature, retries, giving up, and the outbox's transactional contract.
 */
@WardenIntegrationTest
class NotificationIntegrationTests {

	private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";

	private static final Receiver RECEIVER = new Receiver();

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("warden.scheduling.enabled", () -> "false");
		registry.add("warden.notifications.endpoints[0].name", () -> "test-receiver");
		registry.add("warden.notifications.endpoints[0].url", RECEIVER::url);
		registry.add("warden.notifications.endpoints[0].secret", () -> SECRET);
		registry.add("warden.notifications.endpoints[0].event-types[0]", () -> "io.amlwarden.test.*");
		registry.add("warden.notifications.initial-backoff", () -> "0s");
		registry.add("warden.notifications.max-attempts", () -> "3");
	}

	@Autowired
	Notifier notifier;

	@Autowired
	DeliveryDispatcher dispatcher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void reset() {
		RECEIVER.received.clear();
		RECEIVER.failuresLeft.set(0);
		// Earlier tests may leave due rows; deliver them so each test sees only its own.
		this.dispatcher.dispatchDue();
		RECEIVER.received.clear();
	}

	@AfterAll
	static void stop() {
		RECEIVER.server.stop(0);
	}

	@Test
	void deliversASignedCloudEvent() {
		UUID eventId = publish("test.finding.opened", Map.of("checkId", "kv-purge-protection", "severity", "HIGH"));
		assertThat(this.dispatcher.dispatchDue()).isEqualTo(1);

		assertThat(RECEIVER.received).hasSize(1);
		Received request = RECEIVER.received.peek();
		JsonNode event = JsonMapper.builder().build().readTree(request.body());
		assertThat(event.get("specversion").asString()).isEqualTo("1.0");
		assertThat(event.get("id").asString()).isEqualTo(eventId.toString());
		assertThat(event.get("type").asString()).isEqualTo("io.amlwarden.test.finding.opened");
		assertThat(event.get("source").asString()).isEqualTo("urn:aml-warden");
		assertThat(event.at("/data/checkId").asString()).isEqualTo("kv-purge-protection");
		assertThat(request.contentType()).startsWith("application/cloudevents+json");

		// The receiver verifies the signature with the shared secret.
		String[] parts = request.signature().split(",");
		long timestamp = Long.parseLong(parts[0].substring(2));
		assertThat(parts[1]).isEqualTo("v1=" + DeliveryDispatcher.sign(SECRET, timestamp, request.body()));
		assertThat(DeliveryDispatcher.sign("wrong-secret-wrong-secret-wrong-secret", timestamp, request.body()))
			.isNotEqualTo(parts[1].substring(3));
		assertThat(statusOf(eventId)).isEqualTo("DELIVERED");
	}

	@Test
	void retriesAFailingReceiverThenDelivers() {
		RECEIVER.failuresLeft.set(1);
		UUID eventId = publish("test.scan.failed", Map.of("scanId", "x"));
		this.dispatcher.dispatchDue();
		assertThat(statusOf(eventId)).isEqualTo("PENDING");
		assertThat(this.jdbc.queryForObject("SELECT last_status FROM notification_delivery WHERE event_id = ?",
				Integer.class, eventId))
			.isEqualTo(500);
		this.dispatcher.dispatchDue();
		assertThat(statusOf(eventId)).isEqualTo("DELIVERED");
		assertThat(this.jdbc.queryForObject("SELECT attempts FROM notification_delivery WHERE event_id = ?",
				Integer.class, eventId))
			.isEqualTo(2);
	}

	@Test
	void givesUpAfterMaxAttempts() {
		RECEIVER.failuresLeft.set(100);
		UUID eventId = publish("test.scan.failed", Map.of("scanId", "y"));
		for (int i = 0; i < 5; i++) {
			this.dispatcher.dispatchDue();
		}
		assertThat(statusOf(eventId)).isEqualTo("FAILED");
		assertThat(RECEIVER.received).hasSize(3);
	}

	@Test
	void eventsOfUnwantedTypesAreNotQueued() {
		UUID eventId = this.transactions.execute((tx) -> this.notifier.publish("other.event", null, Map.of()));
		assertThat(eventId).isNull();
	}

	@Test
	void publishingNeedsTheCallersTransaction() {
		assertThatThrownBy(() -> this.notifier.publish("test.x", null, Map.of()))
			.isInstanceOf(IllegalTransactionStateException.class);
		// and a rolled-back change leaves no event behind
		UUID[] id = new UUID[1];
		this.transactions.executeWithoutResult((tx) -> {
			id[0] = this.notifier.publish("test.rolled.back", null, Map.of());
			tx.setRollbackOnly();
		});
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM notification_delivery WHERE event_id = ?",
				Integer.class, id[0]))
			.isZero();
	}

	@Test
	void onlyTlsOrLoopbackEndpointsAreAccepted() {
		assertThat(endpoint("https://hooks.example.com/x").isUrlSecure()).isTrue();
		assertThat(endpoint("http://127.0.0.1:9000/x").isUrlSecure()).isTrue();
		assertThat(endpoint("http://hooks.example.com/x").isUrlSecure()).isFalse();
		assertThat(endpoint("https://hooks.example.com/x").toString()).doesNotContain(SECRET);
	}

	private static NotificationProperties.Endpoint endpoint(String url) {
		return new NotificationProperties.Endpoint("e", URI.create(url), SECRET, List.of());
	}

	private UUID publish(String type, Map<String, ?> data) {
		return this.transactions.execute((tx) -> this.notifier.publish(type, "subject", data));
	}

	private String statusOf(UUID eventId) {
		return this.jdbc.queryForObject("SELECT status FROM notification_delivery WHERE event_id = ?", String.class,
				eventId);
	}

	record Received(String body, String signature, String contentType) {
	}

	static final class Receiver {

		final HttpServer server;

		final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

		final AtomicInteger failuresLeft = new AtomicInteger();

		Receiver() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/hook", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				this.received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-AmlWarden-Signature"),
						exchange.getRequestHeaders().getFirst("Content-Type")));
				int status = (this.failuresLeft.getAndDecrement() > 0) ? 500 : 204;
				exchange.sendResponseHeaders(status, -1);
				exchange.close();
			});
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
		}

	}

}
