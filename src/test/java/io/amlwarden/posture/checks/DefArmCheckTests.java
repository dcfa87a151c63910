package io.amlwarden.posture.checks;

class DefArmCheckTests extends DefenderPlanCheckCases {

	DefArmCheckTests() {
		super(new DefArmCheck(), "Arm");
	}

}
