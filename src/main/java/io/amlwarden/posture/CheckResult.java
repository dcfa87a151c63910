package io.amlwarden.posture;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one check on one resource.
 *
 * @param checkId the check
 * @param resourceId ARM id of the judged resource, as Azure returned it
 * @param resourceType ARM type of the judged resource
 * @param resourceName last segment of the id
 * @param subscriptionId subscription of the resource, lower-cased
 * @param status the outcome
 * @param evidence what was observed and expected; {@code null} only when there is no
 * single property to show (e.g. a role-assignment review)
 * @param detail a human-readable explanation
 * @param workspaceIds ARM ids of the workspaces this result is reported under: the
 * workspace itself for workspace checks, every workspace that links to a dependency for
 * dependency checks, the workspaces of a subscription for subscription checks
 */
public record CheckResult(String checkId, String resourceId, String resourceType, String resourceName,
		String subscriptionId, CheckStatus status, @Nullable Evidence evidence, String detail,
		List<String> workspaceIds) {

	public CheckResult {
		workspaceIds = List.copyOf(workspaceIds);
	}

}
