package io.amlwarden.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.amlwarden.api.SqlValues.instant;

@RestController
@RequestMapping(path = "/api/v1/notifications/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Notifications", description = "Webhook deliveries of events")
class DeliveryController {

	private final JdbcTemplate jdbc;

	DeliveryController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listNotificationDeliveries", summary = "The delivery log, newest first")
	PageResponse<DeliveryView> list(@RequestParam(required = false) @Nullable DeliveryStatus status,
			@Valid @ParameterObject PageQuery page) {
		Pageable pageable = page.toPageable(Sort.unsorted());
		List<Object> args = new ArrayList<>();
		String where = "";
		if (status != null) {
			where = " WHERE status = ?";
			args.add(status.name());
		}
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM notification_delivery" + where, Long.class,
				args.toArray());
		args.add(pageable.getPageSize());
		args.add(pageable.getOffset());
		List<DeliveryView> items = this.jdbc.query("SELECT id, event_id, event_type, subject, endpoint, status, "
				+ "attempts, created_at, last_attempt_at, last_status, last_error, delivered_at, next_attempt_at "
				+ "FROM notification_delivery" + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
				(rs, n) -> new DeliveryView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
						rs.getString(4), rs.getString(5), DeliveryStatus.valueOf(rs.getString(6)), rs.getInt(7),
						instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), (Integer) rs.getObject(10),
						rs.getString(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13))),
				args.toArray());
		return PageResponse.of(items, pageable, (total != null) ? total : 0);
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
