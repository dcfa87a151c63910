package io.amlwarden.findings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * A suppression of one finding, or of every finding matching a rule (check + scope prefix
 * + optional resource-name pattern). Always expires.
 */
@Entity
@Table(name = "suppression")
class Suppression {

	@Id
	private UUID id;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private SuppressionType type;

	@Column(nullable = false)
	private String justification;

	@Column(name = "finding_id")
	private @Nullable UUID findingId;

	@Column(name = "check_id")
	private @Nullable String checkId;

	@Column(name = "scope_prefix")
	private @Nullable String scopePrefix;

	@Column(name = "resource_name_pattern")
	private @Nullable String resourceNamePattern;

	@Column(name = "requested_by", nullable = false)
	private String requestedBy;

	@Column(name = "requested_by_name")
	private @Nullable String requestedByName;

	@Column(name = "requested_at", nullable = false)
	private Instant requestedAt;

	@Column(name = "approved_by")
	private @Nullable String approvedBy;

	@Column(name = "approved_at")
	private @Nullable Instant approvedAt;

	@Column(name = "revoked_by")
	private @Nullable String revokedBy;

	@Column(name = "revoked_at")
	private @Nullable Instant revokedAt;

	@Column(name = "expires_at", nullable = false)
	private Instant expiresAt;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private SuppressionStatus status;

	@Version
	private long version;

	@SuppressWarnings("NullAway.Init")
	protected Suppression() {
		// for JPA
	}

	Suppression(SuppressionType type, String justification, @Nullable UUID findingId, @Nullable String checkId,
			@Nullable String scopePrefix, @Nullable String resourceNamePattern, String requestedBy,
			@Nullable String requestedByName, Instant requestedAt, Instant expiresAt) {
		this.id = UUID.randomUUID();
		this.type = type;
		this.justification = justification;
		this.findingId = findingId;
		this.checkId = checkId;
		this.scopePrefix = scopePrefix;
		this.resourceNamePattern = resourceNamePattern;
		this.requestedBy = requestedBy;
		this.requestedByName = requestedByName;
		this.requestedAt = requestedAt;
		this.expiresAt = expiresAt;
		this.status = SuppressionStatus.PENDING;
	}

	void approve(String approver, Instant at) {
		this.approvedBy = approver;
		this.approvedAt = at;
		this.status = SuppressionStatus.ACTIVE;
	}

	void revoke(String revoker, Instant at) {
		this.revokedBy = revoker;
		this.revokedAt = at;
		this.status = SuppressionStatus.REVOKED;
	}

	UUID id() {
		return this.id;
	}

	SuppressionStatus status() {
		return this.status;
	}

	String requestedBy() {
		return this.requestedBy;
	}

	Instant expiresAt() {
		return this.expiresAt;
	}

	SuppressionView toView() {
		return new SuppressionView(this.id, this.type, this.status, this.justification, this.findingId, this.checkId,
				this.scopePrefix, this.resourceNamePattern, this.requestedBy, this.requestedByName, this.requestedAt,
				this.approvedBy, this.approvedAt, this.revokedBy, this.revokedAt, this.expiresAt);
	}

}
