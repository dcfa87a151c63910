package io.amlwarden.posture;

import java.util.List;
import java.util.Map;

/**
 * The result of evaluating a snapshot.
 *
 * @param profile the profile evaluated; with per-subscription profiles, the configured
 * default (see {@link #subscriptionProfiles()} for the others)
 * @param results every check result, grouped by check in catalogue order
 * @param workspaces the posture of each workspace in the snapshot, keyed by the
 * lower-cased workspace ARM id
 * @param subscriptionProfiles the profile applied per subscription (lower-cased id); a
 * result is kept when its check belongs to the profile of its resource's subscription or
 * of one of the workspaces it is reported under
 */
public record Evaluation(Profile profile, List<CheckResult> results, Map<String, WorkspacePosture> workspaces,
		Map<String, Profile> subscriptionProfiles) {

	public Evaluation {
		results = List.copyOf(results);
		workspaces = Map.copyOf(workspaces);
		subscriptionProfiles = Map.copyOf(subscriptionProfiles);
	}

	public Evaluation(Profile profile, List<CheckResult> results, Map<String, WorkspacePosture> workspaces) {
		this(profile, results, workspaces, Map.of());
	}

}
