package io.amlwarden.notifications;

import java.util.List;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.notifications.DeliveryStore.DeliveryStatus;
import io.amlwarden.notifications.DeliveryStore.DeliveryView;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/notifications/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Notifications", description = "Webhook deliveries of events")
class DeliveryController {

	private final DeliveryStore store;

	DeliveryController(DeliveryStore store) {
		this.store = store;
	}

	@GetMapping
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listNotificationDeliveries", summary = "The delivery log, newest first")
	PageResponse<DeliveryView> list(@RequestParam(required = false) @Nullable DeliveryStatus status,
			@Valid @ParameterObject PageQuery page) {
		Pageable pageable = page.toPageable(Sort.unsorted());
		long total = this.store.count(status);
		List<DeliveryView> items = this.store.page(status, pageable.getPageSize(), pageable.getOffset());
		return PageResponse.of(items, pageable, total);
	}

}
