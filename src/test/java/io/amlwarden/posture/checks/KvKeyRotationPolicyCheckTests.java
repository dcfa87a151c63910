package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.RotationPolicy.Action;
import io.amlwarden.inventory.RotationPolicy.LifetimeAction;
import io.amlwarden.inventory.RotationPolicy;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureProperties;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class KvKeyRotationPolicyCheckTests {

	private final KvKeyRotationPolicyCheck check = new KvKeyRotationPolicyCheck(PostureProperties.defaults());

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithRotationWithinThePeriod() {
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().observed()).contains("rotate P90D after create");
	}

	@Test
	void actionNamesCompareIgnoringCase() {
		this.ws.key.rotationPolicy = policy(null, new LifetimeAction(Action.parse("rotate"), "P30D", null));
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(PASS);
	}

	@Test
	void timeBeforeExpiryCountsFromThePolicyExpiryTime() {
		this.ws.key.rotationPolicy = policy("P2Y", new LifetimeAction(Action.ROTATE, null, "P30D"));
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("700 days");
		this.ws.key.rotationPolicy = policy("P1Y", new LifetimeAction(Action.ROTATE, null, "P30D"));
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithoutPolicyOrRotateAction() {
		this.ws.key.rotationPolicy = null;
		assertThat(this.fixture.result(this.check, this.ws.key.id()).detail()).contains("no rotation policy");
		this.ws.key.rotationPolicy = policy(null, new LifetimeAction(Action.NOTIFY, null, "P30D"));
		CheckResult result = this.fixture.result(this.check, this.ws.key.id());
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("no Rotate action");
	}

	@Test
	void unreadablePolicyIsUnknown() {
		this.ws.key.rotationPolicyRead = ReadResult
			.unreadable(new ReadFailure(this.ws.key.id(), "rotationPolicy", ReadFailure.Reason.FORBIDDEN, "403"));
		assertThat(this.fixture.result(this.check, this.ws.key.id()).status()).isEqualTo(UNKNOWN);
	}

	private static RotationPolicy policy(String expiryTime, LifetimeAction action) {
		return new RotationPolicy(expiryTime, List.of(action), null, null);
	}

}
