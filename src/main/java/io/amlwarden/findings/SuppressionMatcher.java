package io.amlwarden.findings;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.amlwarden.api.SqlValues;
import io.amlwarden.findings.FindingStore.StateChange;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies suppressions to findings: which active suppression holds a finding, what to
 * reopen when a suppression expires or is revoked, and what to hold when one is approved.
 */
@Component
class SuppressionMatcher {

	private final JdbcTemplate jdbc;

	private final FindingStore rows;

	SuppressionMatcher(JdbcTemplate jdbc, FindingStore rows) {
		this.jdbc = jdbc;
		this.rows = rows;
	}

	/**
	 * Expires suppressions past their date and reopens the findings they held.
	 * @param now the current time
	 * @return how many findings reopened
	 */
	int expire(Instant now) {
		List<UUID> expired = this.jdbc.queryForList(
				"UPDATE suppression SET status = 'EXPIRED', version = version + 1 "
						+ "WHERE status IN ('ACTIVE', 'PENDING') AND expires_at <= ? RETURNING id",
				UUID.class, Timestamp.from(now));
		int reopened = 0;
		for (UUID id : expired) {
			reopened += release(id, now, "suppression " + id + " expired");
		}
		return reopened;
	}

	/**
	 * Reopens every finding a suppression holds.
	 * @param suppressionId the suppression
	 * @param now the current time
	 * @param reason the history entry
	 * @return how many findings reopened
	 */
	int release(UUID suppressionId, Instant now, String reason) {
		List<UUID> reopened = this.jdbc.queryForList(
				"UPDATE finding SET state = 'OPEN', suppression_id = NULL, state_changed_at = ? "
						+ "WHERE suppression_id = ? AND state = 'SUPPRESSED' RETURNING id",
				UUID.class, Timestamp.from(now), suppressionId);
		// Resolved findings may still point at the suppression; detach them too.
		this.jdbc.update("UPDATE finding SET suppression_id = NULL WHERE suppression_id = ?", suppressionId);
		this.rows.appendEvents(now,
				reopened.stream()
					.map((id) -> new StateChange(id, FindingState.SUPPRESSED, FindingState.OPEN,
							FindingChange.UNCHANGED, null, reason))
					.toList());
		return reopened.size();
	}

	/**
	 * Holds the open findings an approved suppression matches.
	 * @param suppressionId the suppression, now active
	 * @param now the current time
	 * @return how many findings it now holds
	 */
	int hold(UUID suppressionId, Instant now) {
		Rule rule = this.jdbc.queryForObject(
				"SELECT id, finding_id, check_id, scope_prefix, resource_name_pattern FROM suppression WHERE id = ?",
				(rs, n) -> Rule.of(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
						rs.getString(4), rs.getString(5)),
				suppressionId);
		List<UUID> held = new ArrayList<>();
		if (rule.findingId() != null) {
			held.addAll(this.jdbc.queryForList("SELECT id FROM finding WHERE id = ? AND state = 'OPEN'", UUID.class,
					rule.findingId()));
		}
		else {
			this.jdbc.query(
					"SELECT id, check_id, resource_key, resource_name FROM finding "
							+ "WHERE state = 'OPEN' AND lower(check_id) = ? AND resource_key LIKE ? ESCAPE '\\'",
					(PreparedStatement ps) -> {
						ps.setString(1, rule.checkId());
						ps.setString(2,
								SqlValues.escapeLike((rule.scopePrefix() != null) ? rule.scopePrefix() : "") + "%");
					}, (java.sql.ResultSet rs) -> {
						if (rule.matches(rs.getString(2), rs.getString(3), rs.getString(4))) {
							held.add(rs.getObject(1, UUID.class));
						}
					});
		}
		this.jdbc.batchUpdate(
				"UPDATE finding SET state = 'SUPPRESSED', suppression_id = ?, state_changed_at = ? WHERE id = ?", held,
				500, (ps, id) -> {
					ps.setObject(1, suppressionId, Types.OTHER);
					ps.setTimestamp(2, Timestamp.from(now));
					ps.setObject(3, id);
				});
		this.rows.appendEvents(now,
				held.stream()
					.map((id) -> new StateChange(id, FindingState.OPEN, FindingState.SUPPRESSED,
							FindingChange.UNCHANGED, null, "covered by suppression " + suppressionId))
					.toList());
		return held.size();
	}

	/**
	 * The suppressions in force.
	 * @param now the current time
	 * @return a matcher over them
	 */
	Active active(Instant now) {
		List<Rule> rules = this.jdbc.query(
				"SELECT id, finding_id, check_id, scope_prefix, resource_name_pattern FROM suppression "
						+ "WHERE status = 'ACTIVE' AND expires_at > ? ORDER BY requested_at, id",
				(rs, n) -> Rule.of(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
						rs.getString(4), rs.getString(5)),
				Timestamp.from(now));
		return new Active(rules);
	}

	/**
	 * The suppressions in force at one moment.
	 *
	 * @param rules active suppressions, oldest first
	 */
	record Active(List<Rule> rules) {

		/**
		 * The suppression that holds a failing observation, if any.
		 * @param observation the observation
		 * @param findingId its finding, if it exists already
		 * @return the suppression id, or {@code null}
		 */
		@Nullable UUID match(Observation observation, @Nullable UUID findingId) {
			for (Rule rule : this.rules) {
				if (rule.findingId() != null) {
					if (rule.findingId().equals(findingId)) {
						return rule.id();
					}
				}
				else if (rule.matches(observation.checkId(), observation.resourceId().toLowerCase(Locale.ROOT),
						observation.resourceName())) {
					return rule.id();
				}
			}
			return null;
		}

	}

	/**
	 * One active suppression, normalised for matching.
	 */
	record Rule(UUID id, @Nullable UUID findingId, @Nullable String checkId, @Nullable String scopePrefix,
			@Nullable NameGlob namePattern) {

		static Rule of(UUID id, @Nullable UUID findingId, @Nullable String checkId, @Nullable String scopePrefix,
				@Nullable String namePattern) {
			return new Rule(id, findingId, (checkId != null) ? checkId.toLowerCase(Locale.ROOT) : null,
					normalisePrefix(scopePrefix), (namePattern != null) ? NameGlob.compile(namePattern) : null);
		}

		boolean matches(String checkId, String resourceKey, String resourceName) {
			if (this.checkId == null || !this.checkId.equals(checkId.toLowerCase(Locale.ROOT))) {
				return false;
			}
			// Prefix on path-segment boundaries: /subscriptions/ab must not cover
			// /subscriptions/abc.
			if (this.scopePrefix != null
					&& !(resourceKey.equals(this.scopePrefix) || resourceKey.startsWith(this.scopePrefix + "/"))) {
				return false;
			}
			return this.namePattern == null || this.namePattern.matches(resourceName);
		}

		static @Nullable String normalisePrefix(@Nullable String prefix) {
			if (prefix == null || prefix.isBlank()) {
				return null;
			}
			String lower = prefix.trim().toLowerCase(Locale.ROOT);
			while (lower.endsWith("/")) {
				lower = lower.substring(0, lower.length() - 1);
			}
			return lower;
		}

	}

}
