package io.amlwarden.posture;

/**
 * How much a failed check matters. The weight drives the workspace score (see
 * {@link WorkspacePosture}): CRITICAL 10, HIGH 5, MEDIUM 3, LOW 1, INFO 0. Informational
 * checks are reported but never lower a score.
 */
public enum Severity {

	CRITICAL(10), HIGH(5), MEDIUM(3), LOW(1), INFO(0);

	private final int weight;

	Severity(int weight) {
		this.weight = weight;
	}

	/**
	 * The weight of a check of this severity in the workspace score.
	 * @return 10, 5, 3, 1 or 0
	 */
	public int weight() {
		return this.weight;
	}

}
