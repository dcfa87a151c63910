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

class LawPublicQueryDisabledCheckTests {

	private final LawPublicQueryDisabledCheck check = new LawPublicQueryDisabledCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	private final String law = PostureFixture.lawId(PostureFixture.SUBSCRIPTION);

	@Test
	void passesAndIsReportedUnderTheWorkspacesSendingTelemetryThere() {
		CheckResult result = this.fixture.result(this.check, this.law);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.resourceType()).isEqualTo("Microsoft.OperationalInsights/workspaces");
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWhenNonCompliant() {
		this.fixture.logAnalytics(PostureFixture.SUBSCRIPTION).publicNetworkAccessForQuery = "Enabled";
		CheckResult result = this.fixture.result(this.check, this.law);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("Enabled");
	}

	@Test
	void absentMeansTheInsecureDefault() {
		this.fixture.logAnalytics(PostureFixture.SUBSCRIPTION).publicNetworkAccessForQuery = null;
		CheckResult result = this.fixture.result(this.check, this.law);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void deniedWorkspaceIsUnknown() {
		this.fixture.deny(this.law, ReadFailure.Reason.FORBIDDEN);
		CheckResult result = this.fixture.result(this.check, this.law);
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

}
