package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class RbacAmlLeastPrivilegeCheckTests {

	private final RbacAmlLeastPrivilegeCheck check = new RbacAmlLeastPrivilegeCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithDataPlaneRolesOnly() {
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().observed()).startsWith("3 assignment(s)");
	}

	@Test
	void failsWhenAUserIsContributorOnTheWorkspace() {
		this.fixture.roleAssignments
			.add(this.fixture.assignment(this.ws.id.toLowerCase(), PostureFixture.CONTRIBUTOR, "alice", "User"));
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("alice has Contributor");
	}

	@Test
	void failsWhenAGroupOwnsTheResourceGroupOrTheTypeIsUnknown() {
		String rg = "/subscriptions/" + PostureFixture.SUBSCRIPTION + "/resourcegroups/RG-WS";
		this.fixture.roleAssignments.add(this.fixture.assignment(rg, PostureFixture.OWNER, "team", "Group"));
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(FAIL);
		this.fixture.roleAssignments.removeIf((a) -> "team".equals(a.principalId()));
		this.fixture.roleAssignments.add(this.fixture.assignment(rg, PostureFixture.OWNER, "who", null));
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(FAIL);
	}

	@Test
	void servicePrincipalContributorIsNotAPerson() {
		this.fixture.roleAssignments
			.add(this.fixture.assignment(this.ws.id, PostureFixture.CONTRIBUTOR, "pipeline", "ServicePrincipal"));
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWhenTheWorkspaceIdentityCanGrantAccess() {
		this.fixture.roleAssignments.add(this.fixture.assignment("/subscriptions/" + PostureFixture.SUBSCRIPTION,
				PostureFixture.USER_ACCESS_ADMINISTRATOR, this.ws.principalId, "ServicePrincipal"));
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("workspace identity");
	}

	@Test
	void deniedListingIsUnknown() {
		this.fixture.failListing(PostureFixture.SUBSCRIPTION, "roleAssignments");
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(UNKNOWN);
	}

}
