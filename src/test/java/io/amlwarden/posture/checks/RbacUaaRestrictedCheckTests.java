package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class RbacUaaRestrictedCheckTests {

	private static final String SCOPE = "/subscriptions/" + PostureFixture.SUBSCRIPTION;

	private final RbacUaaRestrictedCheck check = new RbacUaaRestrictedCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithoutUserAccessAdministrators() {
		assertThat(this.fixture.result(this.check, SCOPE).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithAnAssignmentInsideTheSubscriptionOrAtRoot() {
		String rg = SCOPE + "/resourceGroups/rg-ws";
		this.fixture.roleAssignments
			.add(this.fixture.assignment(rg, PostureFixture.USER_ACCESS_ADMINISTRATOR, "u1", "User"));
		CheckResult result = this.fixture.result(this.check, SCOPE);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).contains("u1 at " + rg);
		this.fixture.roleAssignments.removeIf((a) -> a.principalId().equals("u1"));
		this.fixture.roleAssignments
			.add(this.fixture.assignment("/", PostureFixture.USER_ACCESS_ADMINISTRATOR, "ga", "User"));
		assertThat(this.fixture.result(this.check, SCOPE).status()).isEqualTo(FAIL);
	}

	@Test
	void managementGroupAssignmentAloneIsUnknown() {
		this.fixture.roleAssignments.add(this.fixture.assignment("/providers/Microsoft.Management/managementGroups/mg",
				PostureFixture.USER_ACCESS_ADMINISTRATOR, "u2", "User"));
		assertThat(this.fixture.result(this.check, SCOPE).status()).isEqualTo(UNKNOWN);
	}

	@Test
	void deniedListingIsUnknown() {
		this.fixture.failListing(PostureFixture.SUBSCRIPTION, "roleAssignments");
		assertThat(this.fixture.result(this.check, SCOPE).status()).isEqualTo(UNKNOWN);
	}

}
