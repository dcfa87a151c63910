package io.amlwarden.posture.checks;

import static io.amlwarden.posture.CheckStatus.FAIL;

class StSharedKeyDisabledCheckTests extends StorageSettingCheckCases<Boolean> {

	StSharedKeyDisabledCheckTests() {
		super(new StSharedKeyDisabledCheck(), (storage, value) -> storage.allowSharedKeyAccess = value, true, FAIL);
	}

}
