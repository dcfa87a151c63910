package io.amlwarden.posture.checks;

import io.amlwarden.posture.PostureFixture.RegistrySpec;

import static io.amlwarden.posture.CheckStatus.PASS;

class AcrAdminDisabledCheckTests extends LinkedResourceSettingCheckCases<RegistrySpec, Boolean> {

	AcrAdminDisabledCheckTests() {
		super(new AcrAdminDisabledCheck(), (ws) -> ws.registry, (registry) -> registry.id,
				(registry, value) -> registry.adminUserEnabled = value, true, PASS);
	}

}
