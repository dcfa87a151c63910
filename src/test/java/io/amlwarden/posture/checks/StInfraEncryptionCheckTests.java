package io.amlwarden.posture.checks;

import static io.amlwarden.posture.CheckStatus.FAIL;

class StInfraEncryptionCheckTests extends StorageSettingCheckCases<Boolean> {

	StInfraEncryptionCheckTests() {
		super(new StInfraEncryptionCheck(), (storage, value) -> storage.requireInfrastructureEncryption = value, false,
				FAIL);
	}

}
