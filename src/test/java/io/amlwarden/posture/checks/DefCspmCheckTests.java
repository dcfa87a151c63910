package io.amlwarden.posture.checks;

class DefCspmCheckTests extends DefenderPlanCheckCases {

	DefCspmCheckTests() {
		super(new DefCspmCheck(), "CloudPosture");
	}

}
