package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.List;

import io.amlwarden.inventory.Workspace;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.WorkspaceGraph;

/**
 * A check of a workspace's own properties. For a setting a {@code kind=Project} workspace
 * inherits from its hub, the project is NOT_APPLICABLE and the hub's result is reported
 * under the hub and each of its projects, since the hub's value is what protects them.
 */
abstract class WorkspaceCheck extends AbstractCheck {

	private final boolean inheritedFromHub;

	/**
	 * @param meta the metadata
	 * @param inheritedFromHub whether projects inherit this setting from their hub
	 */
	WorkspaceCheck(Meta meta, boolean inheritedFromHub) {
		super(meta.resourceType(ResourceTypes.WORKSPACE));
		this.inheritedFromHub = inheritedFromHub;
	}

	@Override
	public final List<CheckResult> evaluate(WorkspaceGraph graph) {
		List<CheckResult> results = new ArrayList<>(graph.workspaces().size());
		for (Workspace workspace : graph.workspaces()) {
			if (this.inheritedFromHub && graph.isProject(workspace)) {
				String hub = (workspace.hubResourceId() != null) ? " " + workspace.hubResourceId() : "";
				results.add(
						result(workspace.id(),
								Verdict.notApplicable("A project inherits this setting from its hub" + hub
										+ "; the hub's result is reported under this project"),
								List.of(workspace.id())));
				continue;
			}
			List<String> reportedUnder = List.of(workspace.id());
			List<Workspace> projects = this.inheritedFromHub ? graph.projectsOf(workspace) : List.of();
			if (!projects.isEmpty()) {
				List<String> ids = new ArrayList<>();
				ids.add(workspace.id());
				projects.forEach((project) -> ids.add(project.id()));
				reportedUnder = ids;
			}
			results.add(result(workspace.id(), judge(workspace, graph), reportedUnder));
		}
		return results;
	}

	/**
	 * Judges one (non-project, for inherited settings) workspace.
	 */
	abstract Verdict judge(Workspace workspace, WorkspaceGraph graph);

}
