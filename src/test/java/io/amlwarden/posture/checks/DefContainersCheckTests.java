package io.amlwarden.posture.checks;

class DefContainersCheckTests extends DefenderPlanCheckCases {

	DefContainersCheckTests() {
		super(new DefContainersCheck(), "Containers");
	}

}
