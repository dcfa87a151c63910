package io.amlwarden.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * One row of the audit trail. Immutable: Hibernate never issues an UPDATE for it.
 */
@Entity
@Immutable
@Table(name = "audit_event")
class AuditEvent {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "occurred_at", nullable = false)
	private Instant occurredAt;

	@Column(name = "principal_id", nullable = false)
	private String principalId;

	@Column(name = "principal_app_id")
	private @Nullable String principalAppId;

	@Column(name = "principal_name")
	private @Nullable String principalName;

	@Column(name = "roles", nullable = false)
	private String roles;

	@Column(name = "method", nullable = false)
	private String method;

	@Column(name = "action", nullable = false)
	private String action;

	@Column(name = "target")
	private @Nullable String target;

	@Enumerated(EnumType.STRING)
	@Column(name = "outcome", nullable = false)
	private AuditOutcome outcome;

	@Column(name = "status", nullable = false)
	private int status;

	@Column(name = "correlation_id", nullable = false)
	private String correlationId;

	@Column(name = "client_address")
	private @Nullable String clientAddress;

	@SuppressWarnings("NullAway.Init")
	protected AuditEvent() {
		// for JPA
	}

	AuditEvent(AuditRecord record) {
		this.occurredAt = record.occurredAt();
		this.principalId = truncate(record.caller().principalId(), 128);
		this.principalAppId = truncateNullable(record.caller().appId(), 128);
		this.principalName = truncateNullable(record.caller().name(), 256);
		this.roles = truncate(String.join(",", record.caller().roles()), 128);
		this.method = truncate(record.method(), 16);
		this.action = truncate(record.action(), 600);
		this.target = truncateNullable(record.target(), 1024);
		this.outcome = record.outcome();
		this.status = record.status();
		this.correlationId = truncate(record.correlationId(), 128);
		this.clientAddress = truncateNullable(record.clientAddress(), 64);
	}

	AuditEventView toView() {
		return new AuditEventView(this.id, this.occurredAt, this.principalId, this.principalAppId, this.principalName,
				this.roles.isEmpty() ? java.util.List.of() : java.util.List.of(this.roles.split(",")), this.method,
				this.action, this.target, this.outcome, this.status, this.correlationId, this.clientAddress);
	}

	private static String truncate(String value, int max) {
		return (value.length() > max) ? value.substring(0, max) : value;
	}

	private static @Nullable String truncateNullable(@Nullable String value, int max) {
		return (value != null) ? truncate(value, max) : null;
	}

}
