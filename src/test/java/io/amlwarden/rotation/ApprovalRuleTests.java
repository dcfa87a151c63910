package io.amlwarden.rotation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.ProblemType;
import io.amlwarden.rotation.ApprovalRule.ApprovalMode;
import io.amlwarden.security.CallerIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The approval rule: API callers can make approval stricter, never weaker; only
 * configuration relaxes it.
 */
class ApprovalRuleTests {

	private static final CallerIdentity OPERATOR = new CallerIdentity("op", null, "Op", List.of("OPERATOR", "READER"));

	private static final CallerIdentity ADMIN = new CallerIdentity("admin", null, "Admin",
			List.of("ADMIN", "OPERATOR", "READER", "REVIEWER"));

	@Test
	void onDemandRotationsNeedApprovalByDefaultWhateverThePolicySays() {
		ApprovalRule always = new ApprovalRule(ApprovalMode.ALWAYS);
		assertThat(always.onDemand(null)).isTrue();
		assertThat(always.onDemand(policy(false))).isTrue();
		assertThat(RotationProperties.defaults().approval()).isEqualTo(ApprovalMode.ALWAYS);
	}

	@Test
	void policyModeFollowsThePolicyAndGatesKeysWithoutOne() {
		ApprovalRule rule = new ApprovalRule(ApprovalMode.POLICY);
		assertThat(rule.onDemand(null)).isTrue();
		assertThat(rule.onDemand(policy(false))).isFalse();
		assertThat(rule.onDemand(policy(true))).isTrue();
	}

	@Test
	void neverModeStillHonoursAPolicyThatAsksForApproval() {
		ApprovalRule rule = new ApprovalRule(ApprovalMode.NEVER);
		assertThat(rule.onDemand(null)).isFalse();
		assertThat(rule.onDemand(policy(true))).isTrue();
		assertThatCode(() -> rule.checkWrite(OPERATOR, null, false)).doesNotThrowAnyException();
		assertThatCode(() -> rule.checkDelete(OPERATOR, policy(true))).doesNotThrowAnyException();
	}

	@Test
	void onlyAnAdminRemovesApproval() {
		for (ApprovalMode mode : List.of(ApprovalMode.ALWAYS, ApprovalMode.POLICY)) {
			ApprovalRule rule = new ApprovalRule(mode);
			assertThatExceptionOfType(ApiException.class).isThrownBy(() -> rule.checkWrite(OPERATOR, null, false))
				.satisfies((ex) -> {
					assertThat(ex.problemType()).isEqualTo(ProblemType.FORBIDDEN);
					assertThat(ex.properties()).containsEntry("rule", ApprovalRule.POLICY_RULE);
				});
			assertThatExceptionOfType(ApiException.class)
				.isThrownBy(() -> rule.checkWrite(OPERATOR, policy(true), false));
			assertThatExceptionOfType(ApiException.class).isThrownBy(() -> rule.checkDelete(OPERATOR, policy(true)));
			assertThatCode(() -> rule.checkWrite(OPERATOR, null, true)).doesNotThrowAnyException();
			assertThatCode(() -> rule.checkDelete(OPERATOR, policy(false))).doesNotThrowAnyException();
			assertThatCode(() -> rule.checkWrite(ADMIN, policy(true), false)).doesNotThrowAnyException();
			assertThatCode(() -> rule.checkDelete(ADMIN, policy(true))).doesNotThrowAnyException();
		}
	}

	private static Policy policy(boolean approvalRequired) {
		Instant now = Instant.now();
		return new Policy(UUID.randomUUID(), "p", Policy.TargetKind.KEY, null,
				"/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv",
				"https://kv.vault.azure.net", "cmk", "key", "P90D", null, null, null, null, "PT1H", "P30D",
				approvalRequired, false, true, now, null, null, null, "creator", now, now, 0);
	}

}
