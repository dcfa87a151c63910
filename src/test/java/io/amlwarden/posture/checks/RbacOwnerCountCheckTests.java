package io.amlwarden.posture.checks;

import io.amlwarden.inventory.Principal;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class RbacOwnerCountCheckTests {

	private static final String SCOPE = "/subscriptions/" + PostureFixture.SUBSCRIPTION;

	private final RbacOwnerCountCheck check = new RbacOwnerCountCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithTwoOwners() {
		CheckResult result = this.fixture.result(this.check, SCOPE);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
		assertThat(result.resourceType()).isEqualTo("Microsoft.Resources/subscriptions");
	}

	@Test
	void failsWithOneOwner() {
		this.fixture.roleAssignments.removeIf((a) -> a.principalId().startsWith("owner-b"));
		assertThat(this.fixture.result(this.check, SCOPE).detail()).contains("1 direct owner");
	}

	@Test
	void failsWithMoreThanThreeOwnersCountingGroupsOnce() {
		this.fixture.roleAssignments.add(this.fixture.assignment(SCOPE, PostureFixture.OWNER, "g1", "Group"));
		this.fixture.roleAssignments.add(this.fixture.assignment(SCOPE, PostureFixture.OWNER, "G1", "Group"));
		assertThat(this.fixture.result(this.check, SCOPE).status()).isEqualTo(PASS);
		this.fixture.roleAssignments.add(this.fixture.assignment(SCOPE, PostureFixture.OWNER, "u4", "User"));
		CheckResult result = this.fixture.result(this.check, SCOPE);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("4 direct owners");
	}

	@Test
	void failsWhenAnOwnerIsAGuestOrBlocked() {
		this.fixture.principals.replaceAll((p) -> p.id().startsWith("owner-b")
				? new Principal(p.id(), "user", "ext", "ext#EXT#@contoso.example", "Guest", true, false) : p);
		CheckResult result = this.fixture.result(this.check, SCOPE);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("guest");
		this.fixture.principals.replaceAll((p) -> p.id().startsWith("owner-b")
				? new Principal(p.id(), "user", "old", "old@contoso.example", "Member", false, false) : p);
		assertThat(this.fixture.result(this.check, SCOPE).detail()).contains("sign-in blocked");
	}

	@Test
	void saysSoWhenPrincipalsWereNotResolved() {
		this.fixture.principalsResolved = false;
		CheckResult result = this.fixture.result(this.check, SCOPE);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.detail()).contains("not checked");
	}

	@Test
	void deniedListingIsUnknown() {
		this.fixture.failListing(PostureFixture.SUBSCRIPTION, "roleAssignments");
		assertThat(this.fixture.result(this.check, SCOPE).status()).isEqualTo(UNKNOWN);
	}

}
