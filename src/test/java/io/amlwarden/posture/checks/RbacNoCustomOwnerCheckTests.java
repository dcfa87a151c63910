package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.RoleDefinition;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class RbacNoCustomOwnerCheckTests {

	private static final String SCOPE = "/subscriptions/" + PostureFixture.SUBSCRIPTION;

	private final RbacNoCustomOwnerCheck check = new RbacNoCustomOwnerCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWithoutWildcardCustomRoles() {
		this.fixture.roleDefinitions.add(role("Reader-ish", List.of("*/read"), SCOPE));
		CheckResult result = this.fixture.result(this.check, SCOPE);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.workspaceIds()).containsExactly(this.ws.id);
	}

	@Test
	void failsWithAWildcardRoleAssignableInTheSubscription() {
		this.fixture.roleDefinitions.add(role("Shadow Owner", List.of("*"), SCOPE.toUpperCase()));
		CheckResult result = this.fixture.result(this.check, SCOPE);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("Shadow Owner");
	}

	@Test
	void managementGroupScopedRoleIsUnknownNotAPass() {
		this.fixture.roleDefinitions
			.add(role("MG Owner", List.of("*"), "/providers/Microsoft.Management/managementGroups/corp"));
		assertThat(this.fixture.result(this.check, SCOPE).status()).isEqualTo(UNKNOWN);
	}

	@Test
	void deniedDefinitionsAreUnknown() {
		this.fixture.failListing(PostureFixture.SUBSCRIPTION, "roleDefinitions");
		assertThat(this.fixture.result(this.check, SCOPE).status()).isEqualTo(UNKNOWN);
	}

	private static RoleDefinition role(String name, List<String> actions, String scope) {
		return new RoleDefinition(scope + "/providers/Microsoft.Authorization/roleDefinitions/" + name.hashCode(),
				String.valueOf(name.hashCode()), name, "CustomRole", null, List.of(scope),
				List.of(new RoleDefinition.Permission(actions, null, null, null)));
	}

}
