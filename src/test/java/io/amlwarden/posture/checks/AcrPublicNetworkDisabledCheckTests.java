package io.amlwarden.posture.checks;

import io.amlwarden.posture.PostureFixture.RegistrySpec;

import static io.amlwarden.posture.CheckStatus.FAIL;

class AcrPublicNetworkDisabledCheckTests extends LinkedResourceSettingCheckCases<RegistrySpec, String> {

	AcrPublicNetworkDisabledCheckTests() {
		super(new AcrPublicNetworkDisabledCheck(), (ws) -> ws.registry, (registry) -> registry.id,
				(registry, value) -> registry.publicNetworkAccess = value, "Enabled", FAIL);
	}

}
