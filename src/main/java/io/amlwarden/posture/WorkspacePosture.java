package io.amlwarden.posture;

import java.util.Map;

/**
 * The posture of one workspace as a system: itself, its computes and endpoints, the
 * resources it links to, and the subscription-level controls that cover it.
 * <p>
 * <b>Score.</b> Each result reported under the workspace counts once, weighted by its
 * check's {@linkplain Severity#weight() severity weight} (CRITICAL 10, HIGH 5, MEDIUM 3,
 * LOW 1, INFO 0):
 * {@code score = floor(100 * passedWeight / (passedWeight + failedWeight))}.
 * NOT_APPLICABLE and UNKNOWN results are left out, so an unreadable resource neither
 * passes nor fails; the {@code unknown} count shows how much could not be judged. Any
 * weighted failure keeps the score below 100. When nothing weighted could be judged the
 * score is 0 if anything was UNKNOWN (nothing was proven) and 100 otherwise (nothing
 * applies).
 *
 * @param workspaceId ARM id of the workspace, as Azure returned it
 * @param score 0 to 100, see above
 * @param failedBySeverity number of failed results per severity (every severity present)
 * @param passed number of passed results
 * @param failed number of failed results
 * @param unknown number of results that could not be judged
 * @param notApplicable number of results that do not apply
 */
public record WorkspacePosture(String workspaceId, int score, Map<Severity, Integer> failedBySeverity, int passed,
		int failed, int unknown, int notApplicable) {

	public WorkspacePosture {
		failedBySeverity = Map.copyOf(failedBySeverity);
	}

}
