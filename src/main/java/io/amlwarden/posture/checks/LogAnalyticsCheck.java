package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.MonitoringResource;
import io.amlwarden.posture.WorkspaceGraph;
import io.amlwarden.posture.WorkspaceGraph.Dependency;

/**
 * A check of the Log Analytics workspaces holding the workspaces' telemetry: the one each
 * Application Insights component writes to and those the workspaces' diagnostic settings
 * send to. They hold prompts, request payloads in traces and audit logs, so they deserve
 * the same access controls as the workspace.
 */
abstract class LogAnalyticsCheck extends DependencyCheck<MonitoringResource> {

	LogAnalyticsCheck(Meta meta) {
		super(meta.resourceType(ResourceTypes.LOG_ANALYTICS), "Log Analytics workspace");
	}

	@Override
	final List<Dependency<MonitoringResource>> targets(WorkspaceGraph graph) {
		return graph.logAnalytics();
	}

	@Override
	final Verdict judge(MonitoringResource law, Dependency<MonitoringResource> target, WorkspaceGraph graph) {
		return judge(law);
	}

	abstract Verdict judge(MonitoringResource law);

}
