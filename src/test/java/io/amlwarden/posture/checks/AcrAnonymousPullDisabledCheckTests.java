package io.amlwarden.posture.checks;

import io.amlwarden.posture.PostureFixture.RegistrySpec;

import static io.amlwarden.posture.CheckStatus.PASS;

class AcrAnonymousPullDisabledCheckTests extends LinkedResourceSettingCheckCases<RegistrySpec, Boolean> {

	AcrAnonymousPullDisabledCheckTests() {
		super(new AcrAnonymousPullDisabledCheck(), (ws) -> ws.registry, (registry) -> registry.id,
				(registry, value) -> registry.anonymousPullEnabled = value, true, PASS);
	}

}
