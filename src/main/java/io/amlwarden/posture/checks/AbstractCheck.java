package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.posture.CheckMetadata;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureCheck;
import io.amlwarden.posture.WorkspaceGraph;

/**
 * The common part of every check: its metadata, and turning verdicts into results.
 */
abstract class AbstractCheck implements PostureCheck {

	private final CheckMetadata metadata;

	AbstractCheck(Meta meta) {
		this.metadata = meta.build();
	}

	@Override
	public final CheckMetadata metadata() {
		return this.metadata;
	}

	@Override
	public final List<CheckResult> evaluate(TenantSnapshot snapshot) {
		return evaluate(WorkspaceGraph.of(snapshot));
	}

	@Override
	public abstract List<CheckResult> evaluate(WorkspaceGraph graph);

	/**
	 * A result for a resource of this check's resource type.
	 */
	final CheckResult result(String resourceId, Verdict verdict, List<String> workspaceIds) {
		return result(resourceId, this.metadata.resourceType(), verdict, workspaceIds);
	}

	final CheckResult result(String resourceId, String resourceType, Verdict verdict, List<String> workspaceIds) {
		return new CheckResult(this.metadata.id(), resourceId, resourceType, ArmIds.nameOf(resourceId),
				WorkspaceGraph.subscriptionOf(resourceId), verdict.status(), verdict.evidence(), verdict.detail(),
				workspaceIds);
	}

}
