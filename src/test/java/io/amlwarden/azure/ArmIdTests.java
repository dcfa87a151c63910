package io.amlwarden.azure;

import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The strict ARM id parser: what it accepts, what it refuses, and that the request
 * records' patterns agree with it.
 */
class ArmIdTests {

	private static final String VAULT = "/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/rg-ml.prod_(1)"
			+ "/providers/Microsoft.KeyVault/vaults/kv-1";

	@Test
	void parsesAResourceIdCaseInsensitively() {
		ArmId id = ArmId.parse(VAULT.toLowerCase() + "/");

		assertThat(id.subscriptionId()).isEqualTo("00000000-0000-4000-8000-0000000000c1");
		assertThat(id.resourceGroup()).isEqualTo("rg-ml.prod_(1)");
		assertThat(id.name()).isEqualTo("kv-1");
		assertThat(id).isEqualTo(ArmId.parse(VAULT));
		assertThat(id.isWithin("/SUBSCRIPTIONS/00000000-0000-4000-8000-0000000000C1")).isTrue();
		assertThat(id.isWithin("/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/rg")).isFalse();
	}

	@Test
	void parsesNestedAndExtensionResources() {
		assertThat(ArmId.isResourceId(VAULT + "/keys/cmk")).isTrue();
		assertThat(ArmId.isResourceId(
				VAULT + "/providers/Microsoft.Authorization/roleAssignments/" + "11111111-2222-3333-4444-555555555555"))
			.isTrue();
		assertThat(ArmId.isResourceId(VAULT + "/keys")).isFalse();
		assertThat(ArmId.isResourceId(VAULT + "/providers/Microsoft.Authorization")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { ".evil.example/x", "@evil.example/x", "evil.example/subscriptions/x",
			"/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv",
			"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/../providers/Microsoft.KeyVault/vaults/kv",
			"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv?x=1",
			"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv#f",
			"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/k@v",
			"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/a%2f..",
			"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/r g/providers/Microsoft.KeyVault/vaults/kv",
			"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv\n",
			"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/k\u0000v",
			"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/rg//providers/Microsoft.KeyVault/vaults/kv",
			"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/.",
			"//evil.example/subscriptions/00000000-0000-4000-8000-0000000000c1" })
	void refusesAnythingThatCouldMoveTheUrl(String hostile) {
		assertThatExceptionOfType(ArmId.InvalidArmIdException.class).isThrownBy(() -> ArmId.parse(hostile))
			.withMessageStartingWith("Not an ARM id")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("evil"));
		assertThatExceptionOfType(ArmId.InvalidArmIdException.class).isThrownBy(() -> ArmId.path(hostile));
		assertThat(Pattern.matches(ArmId.VAULT_ID, hostile)).isFalse();
	}

	@Test
	void requestPatternsAgreeWithTheParser() {
		assertThat(Pattern.matches(ArmId.VAULT_ID, VAULT)).isTrue();
		assertThat(Pattern.matches(ArmId.VAULT_ID, VAULT.toUpperCase().replace("0000000000C1", "0000000000c1")))
			.isTrue();
		assertThat(
				Pattern.matches(ArmId.WORKSPACE_ID,
						"/subscriptions/00000000-0000-4000-8000-0000000000c1"
								+ "/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws-1"))
			.isTrue();
		assertThat(Pattern.matches(ArmId.RESOURCE_GROUP_ID,
				"/subscriptions/00000000-0000-4000-8000-0000000000c1/resourceGroups/.."))
			.isFalse();
	}

	@Test
	void subscriptionIdsMustBeGuids() {
		assertThat(ArmId.subscriptionId("00000000-0000-4000-8000-0000000000C1"))
			.isEqualTo("00000000-0000-4000-8000-0000000000c1");
		assertThatExceptionOfType(ArmId.InvalidArmIdException.class)
			.isThrownBy(() -> ArmId.subscriptionId("prod/../../x"));
		assertThat(ArmId.isSubscriptionId("sub-1")).isFalse();
	}

	@Test
	void pathsAllowSubscriptionAndTenantScopes() {
		assertThat(
				ArmId.path("/subscriptions/00000000-0000-4000-8000-0000000000c1/providers/Microsoft.Security/pricings"))
			.endsWith("/pricings");
		assertThat(ArmId
			.path("/providers/Microsoft.Authorization/roleDefinitions/" + "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"))
			.startsWith("/providers/");
		assertThatExceptionOfType(ArmId.InvalidArmIdException.class).isThrownBy(() -> ArmId.path("/x/y"));
	}

}
