package io.amlwarden.posture.checks;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.ComputeSpec;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.NOT_APPLICABLE;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class AmlCmpMinNodesZeroCheckTests {

	private final AmlCmpMinNodesZeroCheck check = new AmlCmpMinNodesZeroCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	private final ComputeSpec cluster = this.ws.computes.get(1);

	@Test
	void passesWhenTheClusterScalesToZero() {
		CheckResult result = this.fixture.result(this.check, this.cluster.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWhenNodesStayUp() {
		this.cluster.minNodeCount = 2;
		CheckResult result = this.fixture.result(this.check, this.cluster.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("2");
	}

	@Test
	void computeInstancesAreNotApplicable() {
		assertThat(this.fixture.result(this.check, this.ws.computes.get(0).id).status()).isEqualTo(NOT_APPLICABLE);
	}

	@Test
	void unknownMinimumOrUnreadableComputesAreUnknown() {
		this.cluster.minNodeCount = null;
		assertThat(this.fixture.result(this.check, this.cluster.id).status()).isEqualTo(UNKNOWN);
		this.ws.computesRead = ReadResult
			.unreadable(new ReadFailure(this.ws.id + "/computes", "computes", ReadFailure.Reason.FORBIDDEN, "403"));
		assertThat(this.fixture.result(this.check, this.ws.id + "/computes").status()).isEqualTo(UNKNOWN);
	}

}
