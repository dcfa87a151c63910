package io.amlwarden.rotation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.amlwarden.simulator.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permission preflight: plans and preflight ask ARM what AML Warden's identity may do
 * on the vault and each dependent it changes
 * ({@code Microsoft.Authorization/permissions}); a missing permission blocks, naming the
 * action and the resource; permissions that cannot be read are a warning.
 */
class RotationPermissionTests extends OneStackRotationTest {

	private static final String SUB = "00000000-0000-4000-8000-0000000000f7";

	@BeforeEach
	void start() {
		startOneStack(SUB, "pm");
		this.replica = this.harness.replica();
	}

	@Test
	void grantedPermissionsAreConfirmedAndDoNotBlock() {
		PlanView plan = plan();

		assertThat(plan.blocked()).as("blockers %s", plan.blockers()).isFalse();
		assertThat(plan.warnings()).isEmpty();
		// rotate + update on the vault, write on two workspaces and the pinned storage
		// account
		assertThat(plan.checks()).anySatisfy((c) -> assertThat(c).contains("holds 5 of the permissions"));
		assertThat(this.simulator.count("arm", "GET", "permissions")).as("one question per resource").isEqualTo(4);
	}

	@Test
	void missingPermissionsBlockThePlanNamingActionAndResourceAndFailThePreflight() {
		// The vault grants reading keys but not rotating them; the first workspace is
		// only readable; the storage account grants everything except write.
		this.simulator
			.callerPermissions(this.stack.vaultId,
					List.of(entry(List.of("*"), List.of(), List.of("Microsoft.KeyVault/vaults/keys/read"), List.of())))
			.callerPermissions(this.stack.workspaceId,
					List.of(entry(List.of("Microsoft.MachineLearningServices/workspaces/read"), List.of(), List.of(),
							List.of())))
			.callerPermissions(this.stack.storageId, List
				.of(entry(List.of("*"), List.of("Microsoft.Storage/storageAccounts/write"), List.of(), List.of())));

		PlanView plan = plan();

		assertThat(plan.blocked()).isTrue();
		assertThat(plan.blockers()).filteredOn((b) -> b.code().equals("missing-permission"))
			.extracting(PlanView.Blocker::resourceId)
			.containsExactlyInAnyOrder(this.stack.vaultId, this.stack.workspaceId, this.stack.storageId);
		assertThat(blocker(plan, this.stack.vaultId).message()).contains(PlanService.ROTATE_DATA_ACTION)
			.contains(this.stack.vaultId);
		assertThat(blocker(plan, this.stack.workspaceId).message()).contains(PlanService.WORKSPACE_WRITE);
		assertThat(blocker(plan, this.stack.storageId).message()).contains(PlanService.STORAGE_WRITE);
		// The second workspace inherits nothing special: it is allowed.
		assertThat(plan.blockers())
			.noneSatisfy((b) -> assertThat(b.resourceId()).isEqualTo(this.stack.workspaceId + "-2"));
		// The marker is a nicety: lacking key update is a warning, not a blocker.
		assertThat(plan.warnings()).singleElement().satisfies((w) -> {
			assertThat(w.code()).isEqualTo("missing-permission");
			assertThat(w.message()).contains(PlanService.UPDATE_KEY_DATA_ACTION);
		});

		// A scheduled rotation of the key stops at preflight, before Key Vault is asked.
		this.replica.policy(RotationFixtures.keyPolicy(this.stack, "P7D"));
		this.replica.scheduler.planDue(10);
		this.replica.worker.drain();
		Rotation rotation = only();
		assertThat(rotation.status()).isEqualTo(Rotation.Status.FAILED);
		assertThat(rotation.outcome().error()).contains("missing-permission")
			.contains(PlanService.WORKSPACE_WRITE)
			.contains(this.stack.workspaceId);
		assertThat(this.simulator.count("keyvault", "POST", "rotate")).isZero();
		assertThat(this.simulator.count("arm", "PATCH", "workspaces/{name}")).isZero();
	}

	@Test
	void unreadablePermissionsAreAWarningNotASilentPass() {
		this.simulator.fault(Fault.error("arm GET permissions", 403, "AuthorizationFailed",
				"The client does not have authorization to perform action "
						+ "'Microsoft.Authorization/permissions/read'",
				Integer.MAX_VALUE));

		PlanView plan = plan();

		assertThat(plan.blocked()).as("blockers %s", plan.blockers()).isFalse();
		assertThat(plan.warnings()).hasSize(4)
			.allSatisfy((w) -> assertThat(w.code()).isEqualTo("permissions-unreadable"))
			.extracting(PlanView.Blocker::resourceId)
			.contains(this.stack.vaultId, this.stack.workspaceId, this.stack.storageId);
		assertThat(plan.warnings()).filteredOn((w) -> this.stack.vaultId.equals(w.resourceId()))
			.singleElement()
			.satisfies((w) -> assertThat(w.message()).contains(PlanService.ROTATE_DATA_ACTION).contains("403"));
		assertThat(plan.checks()).noneSatisfy((c) -> assertThat(c).contains("of the permissions"));

		// The rotation still runs, and its history says what was not confirmed.
		this.replica.policy(RotationFixtures.keyPolicy(this.stack, "P7D"));
		this.replica.scheduler.planDue(10);
		this.replica.worker.drain();
		Rotation rotation = only();
		assertThat(rotation.status()).isEqualTo(Rotation.Status.VERIFIED);
		assertThat(this.replica.rotations.get(rotation.id()).events())
			.filteredOn((e) -> e.type().equals("PREFLIGHT_PASSED"))
			.singleElement()
			.satisfies((e) -> assertThat(e.detail()).contains("warning permissions-unreadable"));
	}

	private PlanView plan() {
		return this.replica.tx
			.execute((s) -> this.replica.plans.planOnDemand(this.stack.vaultId, "cmk", null, "operator-1"));
	}

	private static PlanView.Blocker blocker(PlanView plan, String resourceId) {
		return plan.blockers().stream().filter((b) -> resourceId.equals(b.resourceId())).findFirst().orElseThrow();
	}

	private Rotation only() {
		List<UUID> ids = this.harness.jdbc.queryForList("SELECT id FROM rotation", UUID.class);
		assertThat(ids).hasSize(1);
		return this.replica.store.find(ids.get(0)).orElseThrow();
	}

	private static Map<String, Object> entry(List<String> actions, List<String> notActions, List<String> dataActions,
			List<String> notDataActions) {
		return Map.of("actions", actions, "notActions", notActions, "dataActions", dataActions, "notDataActions",
				notDataActions);
	}

}
