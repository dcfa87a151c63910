package io.amlwarden.posture.checks;

import io.amlwarden.posture.PostureFixture.AppInsightsSpec;

import static io.amlwarden.posture.CheckStatus.FAIL;

class AppiLocalAuthDisabledCheckTests extends LinkedResourceSettingCheckCases<AppInsightsSpec, Boolean> {

	AppiLocalAuthDisabledCheckTests() {
		super(new AppiLocalAuthDisabledCheck(), (ws) -> ws.appInsights, (appInsights) -> appInsights.id,
				(appInsights, value) -> appInsights.disableLocalAuth = value, false, FAIL);
	}

}
