package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.List;

import io.amlwarden.inventory.OnlineEndpoint;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.WorkspaceGraph;

/**
 * A check of managed online endpoints, reported under their workspace. When the endpoints
 * of a workspace could not be listed, one UNKNOWN result stands for all of them.
 */
abstract class EndpointCheck extends AbstractCheck {

	EndpointCheck(Meta meta) {
		super(meta.resourceType(ResourceTypes.ONLINE_ENDPOINT));
	}

	@Override
	public final List<CheckResult> evaluate(WorkspaceGraph graph) {
		List<CheckResult> results = new ArrayList<>();
		for (Workspace workspace : graph.workspaces()) {
			ReadResult<List<OnlineEndpoint>> endpoints = workspace.onlineEndpoints();
			if (!endpoints.isKnown()) {
				results.add(result(
						workspace.id() + "/onlineEndpoints", Verdict.unreadable(path(), expected(),
								"the online endpoints of the workspace", endpoints.failure()),
						List.of(workspace.id())));
				continue;
			}
			for (OnlineEndpoint endpoint : endpoints.orElse(List.of())) {
				results.add(result(endpoint.id(), judge(endpoint), List.of(workspace.id())));
			}
		}
		return results;
	}

	abstract String path();

	abstract String expected();

	abstract Verdict judge(OnlineEndpoint endpoint);

}
