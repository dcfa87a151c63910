package io.amlwarden.posture.checks;

import static io.amlwarden.posture.CheckStatus.FAIL;

class StPublicNetworkDisabledCheckTests extends StorageSettingCheckCases<String> {

	StPublicNetworkDisabledCheckTests() {
		super(new StPublicNetworkDisabledCheck(), (storage, value) -> storage.publicNetworkAccess = value, "Enabled",
				FAIL);
	}

}
