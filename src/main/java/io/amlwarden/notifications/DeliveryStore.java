package io.amlwarden.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import static io.amlwarden.api.SqlValues.instant;

/**
 * Reads the delivery log (table {@code notification_delivery}) for the API; the
 * dispatcher writes it.
 */
@Repository
class DeliveryStore {

	private final JdbcTemplate jdbc;

	DeliveryStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One page of deliveries, newest first.
	 * @param status only deliveries in this state, or all
	 */
	List<DeliveryView> page(@Nullable DeliveryStatus status, int limit, long offset) {
		List<Object> args = new ArrayList<>();
		String where = where(status, args);
		args.add(limit);
		args.add(offset);
		return this.jdbc.query("SELECT id, event_id, event_type, subject, endpoint, status, "
				+ "attempts, created_at, last_attempt_at, last_status, last_error, delivered_at, next_attempt_at "
				+ "FROM notification_delivery" + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
				(rs, n) -> new DeliveryView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
						rs.getString(4), rs.getString(5), DeliveryStatus.valueOf(rs.getString(6)), rs.getInt(7),
						instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), (Integer) rs.getObject(10),
						rs.getString(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13))),
				args.toArray());
	}

	long count(@Nullable DeliveryStatus status) {
		List<Object> args = new ArrayList<>();
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM notification_delivery" + where(status, args),
				Long.class, args.toArray());
		return (total != null) ? total : 0;
	}

	private static String where(@Nullable DeliveryStatus status, List<Object> args) {
		if (status == null) {
			return "";
		}
		args.add(status.name());
		return " WHERE status = ?";
	}

	/**
	 * Delivery states.
	 */
	enum DeliveryStatus {

		PENDING, DELIVERED, FAILED

	}

	/**
	 * One delivery of one event to one endpoint. The payload is not shown: receivers have
	 * it.
	 */
	record DeliveryView(UUID id, UUID eventId, String eventType, @Nullable String subject, String endpoint,
			DeliveryStatus status, int attempts, @Nullable Instant createdAt, @Nullable Instant lastAttemptAt,
			@Nullable Integer lastStatus, @Nullable String lastError, @Nullable Instant deliveredAt,
			@Nullable Instant nextAttemptAt) {
	}

}
