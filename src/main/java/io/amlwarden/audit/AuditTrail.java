package io.amlwarden.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.SqlValues;
import jakarta.persistence.criteria.Predicate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to and reads the audit trail. Appends run in their own transaction so that an
 * event is kept even when the audited work rolls back.
 */
@Service
public class AuditTrail {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id"));

	private final AuditEventStore events;

	AuditTrail(AuditEventStore events) {
		this.events = events;
	}

	/**
	 * Appends one event.
	 * @param record the event
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void append(AuditRecord record) {
		this.events.save(new AuditEvent(record));
	}

	@Transactional(readOnly = true)
	PageResponse<AuditEventView> search(AuditQuery query, PageQuery page) {
		return PageResponse
			.of(this.events.findAll(query.toSpecification(), page.toPageable(NEWEST_FIRST)).map(AuditEvent::toView));
	}

	/**
	 * Filters of the audit search; each one left empty matches everything.
	 *
	 * @param principal object id, app id or name of the caller (exact, case-insensitive)
	 * @param action prefix of the action, e.g. {@code POST /api/v1/rotations}
	 * @param outcome how the request ended
	 * @param from earliest time, inclusive
	 * @param to latest time, exclusive
	 */
	record AuditQuery(@Nullable String principal, @Nullable String action, @Nullable AuditOutcome outcome,
			@Nullable Instant from, @Nullable Instant to) {

		Specification<AuditEvent> toSpecification() {
			return (root, criteria, builder) -> {
				List<Predicate> predicates = new ArrayList<>();
				if (this.principal != null && !this.principal.isBlank()) {
					String value = this.principal.toLowerCase(Locale.ROOT);
					predicates.add(builder.or(builder.equal(builder.lower(root.get("principalId")), value),
							builder.equal(builder.lower(root.get("principalAppId")), value),
							builder.equal(builder.lower(root.get("principalName")), value)));
				}
				if (this.action != null && !this.action.isBlank()) {
					predicates.add(builder.like(builder.lower(root.get("action")),
							SqlValues.escapeLike(this.action.toLowerCase(Locale.ROOT)) + "%", '\\'));
				}
				if (this.outcome != null) {
					predicates.add(builder.equal(root.get("outcome"), this.outcome));
				}
				if (this.from != null) {
					predicates.add(builder.greaterThanOrEqualTo(root.get("occurredAt"), this.from));
				}
				if (this.to != null) {
					predicates.add(builder.lessThan(root.get("occurredAt"), this.to));
				}
				return builder.and(predicates.toArray(Predicate[]::new));
			};
		}

	}

}
