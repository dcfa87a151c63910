package io.amlwarden.findings;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.ProblemType;
import io.amlwarden.security.CallerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests, approvals and revocations of suppressions. Separation of duties: the approver
 * is an Admin other than the requester. Every suppression has an expiry no further ahead
 * than the configured maximum.
 */
@Service
class SuppressionService {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("requestedAt"), Sort.Order.desc("id"));

	private final SuppressionStore suppressions;

	private final SuppressionMatcher matcher;

	private final FindingsProperties properties;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	SuppressionService(SuppressionStore suppressions, SuppressionMatcher matcher, FindingsProperties properties,
			JdbcTemplate jdbc, Clock clock) {
		this.suppressions = suppressions;
		this.matcher = matcher;
		this.properties = properties;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	SuppressionView request(SuppressionRequest request, CallerIdentity caller) {
		Instant now = this.clock.instant();
		boolean targetsFinding = request.findingId() != null;
		boolean targetsRule = request.checkId() != null || request.scopePrefix() != null
				|| request.resourceNamePattern() != null;
		if (targetsFinding == targetsRule) {
			throw ApiException.badRequest("Give either 'findingId', or a rule of 'checkId' and 'scopePrefix' "
					+ "(with an optional 'resourceNamePattern')");
		}
		if (targetsRule && (request.checkId() == null || request.scopePrefix() == null)) {
			throw ApiException.badRequest("A suppression rule needs both 'checkId' and 'scopePrefix'");
		}
		if (targetsFinding && !exists(request.findingId())) {
			throw ApiException.notFound("Finding", request.findingId().toString());
		}
		if (!request.expiresAt().isAfter(now)) {
			throw ApiException.badRequest("'expiresAt' must be in the future");
		}
		if (request.expiresAt().isAfter(now.plus(this.properties.maxSuppressionDuration()))) {
			throw ApiException.badRequest(
					"'expiresAt' may be at most " + this.properties.maxSuppressionDuration().toDays() + " days ahead");
		}
		Suppression suppression = new Suppression(request.type(), request.justification().strip(), request.findingId(),
				request.checkId(), SuppressionMatcher.Rule.normalisePrefix(request.scopePrefix()),
				request.resourceNamePattern(), caller.principalId(), caller.name(), now, request.expiresAt());
		return this.suppressions.save(suppression).toView();
	}

	@Transactional
	SuppressionView approve(UUID id, CallerIdentity caller) {
		Instant now = this.clock.instant();
		Suppression suppression = find(id);
		if (suppression.status() != SuppressionStatus.PENDING) {
			throw ApiException
				.conflict("Only a PENDING suppression can be approved; this one is " + suppression.status());
		}
		if (!suppression.expiresAt().isAfter(now)) {
			throw ApiException.conflict("The suppression has already expired");
		}
		if (suppression.requestedBy().equalsIgnoreCase(caller.principalId())) {
			throw new ApiException(ProblemType.FORBIDDEN,
					"A suppression must be approved by an Admin other than its requester");
		}
		suppression.approve(caller.principalId(), now);
		this.suppressions.saveAndFlush(suppression);
		this.matcher.hold(id, now);
		return suppression.toView();
	}

	@Transactional
	SuppressionView revoke(UUID id, CallerIdentity caller) {
		Instant now = this.clock.instant();
		Suppression suppression = find(id);
		if (suppression.status() != SuppressionStatus.PENDING && suppression.status() != SuppressionStatus.ACTIVE) {
			throw ApiException
				.conflict("Only a PENDING or ACTIVE suppression can be revoked; this one is " + suppression.status());
		}
		suppression.revoke(caller.principalId(), now);
		this.suppressions.saveAndFlush(suppression);
		this.matcher.release(id, now, "suppression " + id + " revoked");
		return suppression.toView();
	}

	/**
	 * Expires overdue suppressions and reopens what they held; called on a schedule and
	 * before every scan is recorded.
	 * @return findings reopened
	 */
	@Transactional
	int expireOverdue() {
		return this.matcher.expire(this.clock.instant());
	}

	@Transactional(readOnly = true)
	SuppressionView get(UUID id) {
		return find(id).toView();
	}

	@Transactional(readOnly = true)
	PageResponse<SuppressionView> list(@Nullable SuppressionStatus status, PageQuery page) {
		var pageable = page.toPageable(NEWEST_FIRST);
		var result = (status != null) ? this.suppressions.findByStatus(status, pageable)
				: this.suppressions.findAll(pageable);
		return PageResponse.of(result.map(Suppression::toView));
	}

	private Suppression find(UUID id) {
		return this.suppressions.findById(id).orElseThrow(() -> ApiException.notFound("Suppression", id.toString()));
	}

	private boolean exists(UUID findingId) {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM finding WHERE id = ?", Integer.class, findingId);
		return count != null && count > 0;
	}

}
