package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.WorkspaceGraph;

/**
 * A check judged once per workspace subscription from the role assignments read there.
 * When that list could not be read the result is UNKNOWN, never a pass.
 */
abstract class SubscriptionAssignmentsCheck extends AbstractCheck {

	private final String path;

	private final String expected;

	SubscriptionAssignmentsCheck(Meta meta, String path, String expected) {
		super(meta);
		this.path = path;
		this.expected = expected;
	}

	@Override
	public List<CheckResult> evaluate(WorkspaceGraph graph) {
		List<CheckResult> results = new ArrayList<>();
		for (String subscription : graph.subscriptions()) {
			String scope = "/subscriptions/" + subscription;
			Optional<ReadFailure> failure = graph.failure(scope, "roleAssignments");
			Verdict verdict = failure.isPresent()
					? Verdict.unreadable(this.path, this.expected,
							"the role assignments of subscription " + subscription, failure.get())
					: judge(graph, subscription, scope);
			results.add(result(scope, verdict, graph.workspacesInSubscription(subscription)));
		}
		return results;
	}

	/** Judges one subscription whose role assignments were read. */
	abstract Verdict judge(WorkspaceGraph graph, String subscription, String scope);

}
