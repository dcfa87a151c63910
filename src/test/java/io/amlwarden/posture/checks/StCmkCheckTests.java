package io.amlwarden.posture.checks;

import static io.amlwarden.posture.CheckStatus.FAIL;

class StCmkCheckTests extends StorageSettingCheckCases<String> {

	StCmkCheckTests() {
		super(new StCmkCheck(), (storage, value) -> storage.keySource = value, "Microsoft.Storage", FAIL);
	}

}
