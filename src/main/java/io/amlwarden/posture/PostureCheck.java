package io.amlwarden.posture;

import java.util.List;

import io.amlwarden.inventory.TenantSnapshot;

/**
 * One rule of the catalogue. Implementations are Spring beans, pure functions of the
 * snapshot: they never call Azure and never throw for missing data; what they cannot
 * judge they report as {@link CheckStatus#UNKNOWN}.
 */
public interface PostureCheck {

	/**
	 * The check's metadata.
	 * @return the metadata, constant for the life of the check
	 */
	CheckMetadata metadata();

	/**
	 * Evaluates the check on every resource of the snapshot it applies to.
	 * @param snapshot the inventory
	 * @return one result per judged resource
	 */
	List<CheckResult> evaluate(TenantSnapshot snapshot);

	/**
	 * Evaluates the check on a snapshot whose workspace graph is already built; the
	 * evaluator calls this so that the graph is built once per evaluation, not once per
	 * check.
	 * @param graph the snapshot and its workspace graph
	 * @return one result per judged resource
	 */
	default List<CheckResult> evaluate(WorkspaceGraph graph) {
		return evaluate(graph.snapshot());
	}

}
