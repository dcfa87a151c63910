package io.amlwarden.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes events. Publishing only writes the outbox, inside the caller's transaction:
 * an event exists exactly when the change it reports was committed, and delivery happens
 * afterwards.
 */
@Service
public class Notifier {

	/** Event type prefix of every AML Warden event. */
	public static final String TYPE_PREFIX = "io.amlwarden.";

	private final NotificationProperties properties;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	Notifier(NotificationProperties properties, JdbcTemplate jdbc, JsonMapper json, Clock clock) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Publishes an event to every endpoint that wants its type.
	 * @param type the event type without prefix, e.g. {@code finding.opened}
	 * @param subject what the event is about, e.g. a finding id or ARM id
	 * @param data the event body; must not contain secrets
	 * @return the event id ({@code null} if no endpoint wants it)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public @Nullable UUID publish(String type, @Nullable String subject, Map<String, ?> data) {
		String fullType = TYPE_PREFIX + type;
		var endpoints = this.properties.endpoints().stream().filter((e) -> e.accepts(fullType)).toList();
		if (endpoints.isEmpty()) {
			return null;
		}
		UUID eventId = UUID.randomUUID();
		Instant now = this.clock.instant();
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("specversion", "1.0");
		event.put("id", eventId.toString());
		event.put("source", this.properties.source());
		event.put("type", fullType);
		if (subject != null) {
			event.put("subject", subject);
		}
		event.put("time", now.toString());
		event.put("datacontenttype", "application/json");
		event.put("data", data);
		String payload = this.json.writeValueAsString(event);
		for (var endpoint : endpoints) {
			this.jdbc.update("INSERT INTO notification_delivery (id, event_id, event_type, subject, endpoint, payload, "
					+ "status, attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
					UUID.randomUUID(), eventId, fullType, subject, endpoint.name(), payload, Timestamp.from(now),
					Timestamp.from(now));
		}
		return eventId;
	}

}
