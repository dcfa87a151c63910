package io.amlwarden.posture.checks;

import static io.amlwarden.posture.CheckStatus.FAIL;

class StEntraDefaultCheckTests extends StorageSettingCheckCases<Boolean> {

	StEntraDefaultCheckTests() {
		super(new StEntraDefaultCheck(), (storage, value) -> storage.defaultToOAuthAuthentication = value, false, FAIL);
	}

}
