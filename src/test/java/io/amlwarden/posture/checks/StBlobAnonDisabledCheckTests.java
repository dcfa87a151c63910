package io.amlwarden.posture.checks;

import static io.amlwarden.posture.CheckStatus.FAIL;

class StBlobAnonDisabledCheckTests extends StorageSettingCheckCases<Boolean> {

	StBlobAnonDisabledCheckTests() {
		super(new StBlobAnonDisabledCheck(), (storage, value) -> storage.allowBlobPublicAccess = value, true, FAIL);
	}

}
