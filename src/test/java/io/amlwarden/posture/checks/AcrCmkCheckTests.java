package io.amlwarden.posture.checks;

import io.amlwarden.posture.PostureFixture.RegistrySpec;

import static io.amlwarden.posture.CheckStatus.FAIL;

class AcrCmkCheckTests extends LinkedResourceSettingCheckCases<RegistrySpec, String> {

	AcrCmkCheckTests() {
		super(new AcrCmkCheck(), (ws) -> ws.registry, (registry) -> registry.id,
				(registry, value) -> registry.encryptionStatus = value, "disabled", FAIL);
	}

}
