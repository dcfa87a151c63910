package io.amlwarden.posture.checks;

import io.amlwarden.posture.PostureFixture.AppInsightsSpec;

import static io.amlwarden.posture.CheckStatus.FAIL;

class AppiWorkspaceBasedCheckTests extends LinkedResourceSettingCheckCases<AppInsightsSpec, String> {

	AppiWorkspaceBasedCheckTests() {
		super(new AppiWorkspaceBasedCheck(), (ws) -> ws.appInsights, (appInsights) -> appInsights.id,
				(appInsights, value) -> appInsights.workspaceResourceId = value, "", FAIL);
	}

}
