package io.amlwarden.findings;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts of findings for other modules' summaries.
 */
@Service
public class FindingSummaries {

	private final JdbcTemplate jdbc;

	FindingSummaries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Open findings by severity for each workspace (its own and its dependencies').
	 * @param workspaceIds workspace ARM ids in any case
	 * @return lower-cased workspace id → severity → count; workspaces without open
	 * findings are absent
	 */
	@Transactional(readOnly = true)
	public Map<String, Map<String, Integer>> openBySeverity(Collection<String> workspaceIds) {
		Map<String, Map<String, Integer>> counts = new HashMap<>();
		if (workspaceIds.isEmpty()) {
			return counts;
		}
		String[] keys = workspaceIds.stream().map((id) -> id.toLowerCase(Locale.ROOT)).toArray(String[]::new);
		this.jdbc.query(
				// Kept by the database (V9): counting the links of a page of workspaces
				// here read tens of thousands of rows per request (docs/benchmarks.md).
				"SELECT workspace_key, severity, sum(n) FROM workspace_open_count WHERE workspace_key = ANY(?) "
						+ "GROUP BY 1, 2 HAVING sum(n) > 0",
				(ps) -> ps.setArray(1, ps.getConnection().createArrayOf("text", keys)), (java.sql.ResultSet rs) -> {
					counts.computeIfAbsent(rs.getString(1), (key) -> new HashMap<>())
						.put(rs.getString(2), rs.getInt(3));
				});
		return counts;
	}

}
