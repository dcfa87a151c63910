package io.amlwarden.posture.checks;

class DefStorageCheckTests extends DefenderPlanCheckCases {

	DefStorageCheckTests() {
		super(new DefStorageCheck(), "StorageAccounts");
	}

}
