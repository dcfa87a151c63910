package io.amlwarden.posture.checks;

import static io.amlwarden.posture.CheckStatus.PASS;

class StHttpsOnlyCheckTests extends StorageSettingCheckCases<Boolean> {

	StHttpsOnlyCheckTests() {
		super(new StHttpsOnlyCheck(), (storage, value) -> storage.supportsHttpsTrafficOnly = value, false, PASS);
	}

}
