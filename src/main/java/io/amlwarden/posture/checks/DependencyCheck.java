package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.List;

import io.amlwarden.inventory.ReadResult;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.WorkspaceGraph.Dependency;
import io.amlwarden.posture.WorkspaceGraph;

/**
 * A check of a resource a workspace depends on (vault, key, storage account, registry,
 * Application Insights), reported under every workspace whose system includes it. A
 * dependency that could not be read, or was linked but not found, is UNKNOWN: whether it
 * complies is not known.
 *
 * @param <T> the resource record type
 */
abstract class DependencyCheck<T> extends AbstractCheck {

	private final String what;

	/**
	 * @param meta the metadata
	 * @param what how the resource is named in details, e.g. "Key Vault"
	 */
	DependencyCheck(Meta meta, String what) {
		super(meta);
		this.what = what;
	}

	@Override
	public final List<CheckResult> evaluate(WorkspaceGraph graph) {
		List<Dependency<T>> targets = targets(graph);
		List<CheckResult> results = new ArrayList<>(targets.size());
		for (Dependency<T> target : targets) {
			ReadResult<T> resource = target.resource();
			Verdict verdict = switch (resource.state()) {
				case PRESENT -> judge(resource.value(), target, graph);
				case UNREADABLE -> Verdict.unreadable(path(), expected(), "the " + this.what, resource.failure());
				case ABSENT -> missing(target);
				case NOT_COLLECTED -> Verdict.unreadable(path(), expected(), "the " + this.what, null);
			};
			results.add(result(target.id(), verdict, target.workspaceIds()));
		}
		return results;
	}

	/**
	 * The verdict for a dependency that is linked but does not exist.
	 */
	Verdict missing(Dependency<T> target) {
		return Verdict.unknown(path(), expected(), "The " + this.what + " is linked from a workspace but was not"
				+ " found in the inventory (deleted, or outside what the collector may read)");
	}

	abstract List<Dependency<T>> targets(WorkspaceGraph graph);

	/**
	 * The property the check judges, for the evidence of an UNKNOWN result.
	 */
	abstract String path();

	/**
	 * The compliant condition, for the evidence of an UNKNOWN result.
	 */
	abstract String expected();

	abstract Verdict judge(T resource, Dependency<T> target, WorkspaceGraph graph);

}
