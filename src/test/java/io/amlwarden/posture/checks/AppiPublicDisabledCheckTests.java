package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class AppiPublicDisabledCheckTests {

	private final AppiPublicDisabledCheck check = new AppiPublicDisabledCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenBothAreDisabledInAnyCase() {
		this.ws.appInsights.publicNetworkAccessForQuery = "disabled";
		assertThat(this.fixture.result(this.check, this.ws.appInsights.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWhenQueryIsPublic() {
		this.ws.appInsights.publicNetworkAccessForQuery = "Enabled";
		assertThat(this.fixture.result(this.check, this.ws.appInsights.id).status()).isEqualTo(FAIL);
	}

	@Test
	void absentMeansEnabled() {
		this.ws.appInsights.publicNetworkAccessForIngestion = null;
		CheckResult result = this.fixture.result(this.check, this.ws.appInsights.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).contains("ingestion=absent");
	}

	@Test
	void deniedComponentIsUnknown() {
		this.fixture.deny(this.ws.appInsights.id, ReadFailure.Reason.FORBIDDEN);
		assertThat(this.fixture.result(this.check, this.ws.appInsights.id).status()).isEqualTo(UNKNOWN);
	}

}
