package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import io.amlwarden.posture.PostureFixture;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class AmlCmpLocalAuthDisabledCheckTests {

	private final AmlCmpLocalAuthDisabledCheck check = new AmlCmpLocalAuthDisabledCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenDisabledAndIsReportedUnderTheWorkspace() {
		CheckResult result = this.fixture.result(this.check, this.ws.computes.get(0).id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
		assertThat(result.resourceType()).isEqualTo("Microsoft.MachineLearningServices/workspaces/computes");
	}

	@Test
	void failsWhenEnabledOrAbsent() {
		this.ws.computes.get(0).disableLocalAuth = false;
		this.ws.computes.get(1).disableLocalAuth = null;
		assertThat(this.fixture.result(this.check, this.ws.computes.get(0).id).status()).isEqualTo(FAIL);
		CheckResult absent = this.fixture.result(this.check, this.ws.computes.get(1).id);
		assertThat(absent.status()).isEqualTo(FAIL);
		assertThat(absent.evidence().observed()).isEqualTo("absent");
	}

	@Test
	void appliesToEveryComputeType() {
		this.ws.computes.get(1).computeType = "Kubernetes";
		this.ws.computes.get(1).disableLocalAuth = false;
		assertThat(this.fixture.result(this.check, this.ws.computes.get(1).id).status()).isEqualTo(FAIL);
	}

	@Test
	void unreadableComputeListingIsOneUnknownResult() {
		this.ws.computesRead = ReadResult
			.unreadable(new ReadFailure(this.ws.id + "/computes", "computes", ReadFailure.Reason.THROTTLED, "429"));
		CheckResult result = this.fixture.result(this.check, this.ws.id + "/computes");
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.detail()).contains("throttled");
	}

}
