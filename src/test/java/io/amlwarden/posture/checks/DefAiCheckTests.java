package io.amlwarden.posture.checks;

class DefAiCheckTests extends DefenderPlanCheckCases {

	DefAiCheckTests() {
		super(new DefAiCheck(), "AI");
	}

}
