package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.posture.WorkspaceGraph;
import io.amlwarden.posture.WorkspaceGraph.Dependency;

/**
 * A check of the workspaces' Application Insights components.
 */
abstract class AppInsightsCheck extends DependencyCheck<MonitoringResource> {

	AppInsightsCheck(Meta meta) {
		super(meta.resourceType(ResourceTypes.APP_INSIGHTS), "Application Insights component");
	}

	@Override
	final List<Dependency<MonitoringResource>> targets(WorkspaceGraph graph) {
		return graph.appInsights();
	}

	@Override
	final Verdict judge(MonitoringResource component, Dependency<MonitoringResource> target, WorkspaceGraph graph) {
		return judge(component);
	}

	abstract Verdict judge(MonitoringResource component);

}
