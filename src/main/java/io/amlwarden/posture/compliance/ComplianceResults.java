package io.amlwarden.posture.compliance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.amlwarden.posture.CheckStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Result counts per check from the latest posture of every workspace (each scan replaces
 * a workspace's stored results, so these are the latest complete scans' results). A
 * resource shared by several workspaces counts once per check.
 */
@Repository
class ComplianceResults {

	private final JdbcTemplate jdbc;

	ComplianceResults(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Map<String, Counts> byCheck(@Nullable String subscription) {
		List<Object> args = new ArrayList<>();
		String where = "";
		if (subscription != null) {
			where = " WHERE w.subscription_id = ?";
			args.add(subscription.toLowerCase(Locale.ROOT));
		}
		Map<String, Counts> counts = new HashMap<>();
		this.jdbc.query("SELECT r ->> 'checkId', r ->> 'status', count(DISTINCT lower(coalesce(r ->> 'resourceId', "
				+ "w.workspace_key))) FROM workspace_posture w CROSS JOIN LATERAL jsonb_array_elements(w.results::jsonb) r"
				+ where + " GROUP BY 1, 2", (rs) -> {
					counts.merge(rs.getString(1), Counts.of(CheckStatus.valueOf(rs.getString(2)), rs.getInt(3)),
							Counts::plus);
				}, args.toArray());
		return counts;
	}

	/**
	 * Results by status.
	 *
	 * @param pass resources that pass
	 * @param fail resources that fail
	 * @param unknown resources whose data could not be read
	 * @param notApplicable resources the check does not apply to
	 */
	record Counts(int pass, int fail, int unknown, int notApplicable) {

		static final Counts NONE = new Counts(0, 0, 0, 0);

		static Counts of(CheckStatus status, int count) {
			return switch (status) {
				case PASS -> new Counts(count, 0, 0, 0);
				case FAIL -> new Counts(0, count, 0, 0);
				case NOT_APPLICABLE -> new Counts(0, 0, 0, count);
				default -> new Counts(0, 0, count, 0);
			};
		}

		Counts plus(Counts other) {
			return new Counts(this.pass + other.pass, this.fail + other.fail, this.unknown + other.unknown,
					this.notApplicable + other.notApplicable);
		}

	}

}
