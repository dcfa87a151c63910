package io.amlwarden.posture.checks;

import static io.amlwarden.posture.CheckStatus.FAIL;

class StNoCrossTenantReplicationCheckTests extends StorageSettingCheckCases<Boolean> {

	StNoCrossTenantReplicationCheckTests() {
		super(new StNoCrossTenantReplicationCheck(), (storage, value) -> storage.allowCrossTenantReplication = value,
				true, FAIL);
	}

}
