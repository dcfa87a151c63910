package io.amlwarden.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.amlwarden.findings.Observation;
import io.amlwarden.inventory.InventoryScope;
import io.amlwarden.inventory.Principal;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.RoleDefinition;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.inventory.WorkspaceEncryption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each signal on a hand-built snapshot: a FAIL fixture that raises it (and only the
 * signals that rule implies), and PASS fixtures that do not, including a clean workspace
 * that raises nothing.
 */
class SignalEvaluatorTests {

	static final String SUB = "00000000-0000-4000-8000-0000000000a1";

	static final String CLEAN_SUB = "00000000-0000-4000-8000-0000000000a2";

	static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg-ml";

	static final String WS = RG + "/providers/Microsoft.MachineLearningServices/workspaces/ws-risky";

	static final String VAULT = RG + "/providers/Microsoft.KeyVault/vaults/kvrisky";

	static final String CLEAN_WS = "/subscriptions/" + CLEAN_SUB
			+ "/resourceGroups/rg-clean/providers/Microsoft.MachineLearningServices/workspaces/ws-clean";

	static final String MG = "/providers/Microsoft.Management/managementGroups/mg-corp";

	static final String DATA_SCIENTIST = "f6c7c914-8db3-469d-8ca1-694a8f32e121";

	static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

	static final String CUSTOM = "c0570000-0000-4000-8000-000000000001";

	private final List<RoleAssignment> assignments = new ArrayList<>();

	private final List<Principal> principals = new ArrayList<>();

	private int sequence;

	@Test
	void everySignalFiresOnItsCaseAndNotOnTheCleanWorkspace() {
		String owner = assign("/subscriptions/" + SUB, SignalEvaluator.OWNER, user("u-owner"), "User", null);
		String contributor = assign("/subscriptions/" + SUB, SignalEvaluator.CONTRIBUTOR, group("g-contrib"), "Group",
				null);
		String custom = assign(RG, CUSTOM, group("g-custom"), "Group", null);
		String guest = assign(RG, SignalEvaluator.CONTRIBUTOR, guest("u-guest"), "User", null);
		String workload = assign("/subscriptions/" + SUB, SignalEvaluator.CONTRIBUTOR, sp("sp-deploy"),
				"ServicePrincipal", null);
		String orphan = assign(RG, READER, orphaned("u-gone"), "User", null);
		String softDeleted = assign(RG, READER, softDeleted("u-deleted"), "User", null);
		String dataScientist = assign(WS, DATA_SCIENTIST, user("u-ds"), "User", null);
		String cryptoOfficer = assign(VAULT, SignalEvaluator.KEY_VAULT_CRYPTO_OFFICER, user("u-crypto"), "User", null);
		String rbacAdmin = assign(RG, SignalEvaluator.RBAC_ADMINISTRATOR, group("g-rbac"), "Group", null);
		String clean = cleanWorkspaceAssignments();

		Map<String, AssignmentAssessment> byId = evaluate(AccessPolicy.defaults());

		assertThat(signals(byId, owner)).containsExactlyInAnyOrder(Signal.ADMIN_AT_BROAD_SCOPE,
				Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(byId.get(owner).signals().get(0).severity()).isEqualTo("CRITICAL");
		assertThat(signals(byId, contributor)).containsExactly(Signal.CONTRIBUTOR_AT_SUBSCRIPTION);
		assertThat(signals(byId, custom)).containsExactly(Signal.CUSTOM_ROLE_WILDCARD);
		assertThat(signals(byId, guest)).containsExactlyInAnyOrder(Signal.GUEST_WITH_WRITE_ROLE,
				Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, workload)).containsExactlyInAnyOrder(Signal.CONTRIBUTOR_AT_SUBSCRIPTION,
				Signal.WORKLOAD_PRIVILEGED_AT_SUBSCRIPTION);
		assertThat(signals(byId, orphan)).containsExactlyInAnyOrder(Signal.ORPHANED_ASSIGNMENT,
				Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, softDeleted)).containsExactlyInAnyOrder(Signal.SOFT_DELETED_PRINCIPAL,
				Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, dataScientist)).containsExactlyInAnyOrder(Signal.DATA_PLANE_ROLE_TO_USER,
				Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, cryptoOfficer)).containsExactlyInAnyOrder(Signal.DATA_PLANE_ROLE_TO_USER,
				Signal.DIRECT_USER_ASSIGNMENT);
		assertThat(signals(byId, rbacAdmin)).containsExactly(Signal.MISSING_ABAC_CONDITION);

		// The clean workspace: group assignments at workspace scope, the workspace
		// identity on its vault. Nothing fires, and every assignment was fully evaluated.
		for (AssignmentAssessment assessment : byId.values()) {
			if (assessment.workspaceIds().contains(CLEAN_WS)) {
				assertThat(assessment.signals()).as(assessment.assignment().id()).isEmpty();
				assertThat(assessment.evaluated()).containsExactlyInAnyOrder(Signal.values());
				assertThat(assessment.recommendation()).isEqualTo(Recommendation.KEEP);
			}
		}
		assertThat(byId.get(clean).workspaceIds()).containsExactly(CLEAN_WS);
	}

	@Test
	void orphanedAndSoftDeletedPrincipalsAreToldApartAndOnlyTheOrphanIsProposedForRemoval() {
		String orphan = assign(RG, READER, orphaned("u-gone"), "User", null);
		String softDeleted = assign(RG, READER, softDeleted("u-deleted"), "User", null);
		String unresolved = assign(RG, READER, "99999999-0000-4000-8000-000000000009", "User", null);

		Map<String, AssignmentAssessment> byId = evaluate(AccessPolicy.defaults());

		assertThat(byId.get(orphan).principalState()).isEqualTo(PrincipalState.ORPHANED);
		assertThat(byId.get(orphan).recommendation()).isEqualTo(Recommendation.REMOVE);
		assertThat(byId.get(softDeleted).principalState()).isEqualTo(PrincipalState.SOFT_DELETED);
		assertThat(byId.get(softDeleted).recommendation()).isEqualTo(Recommendation.KEEP);
		assertThat(byId.get(softDeleted).reason()).contains("soft-deleted");
		// Not resolved at all: unknown, neither orphaned nor held, and nothing proposed.
		assertThat(byId.get(unresolved).principalState()).isEqualTo(PrincipalState.UNKNOWN);
		assertThat(byId.get(unresolved).signals()).extracting(SignalHit::signal)
			.doesNotContain(Signal.ORPHANED_ASSIGNMENT, Signal.SOFT_DELETED_PRINCIPAL);
		assertThat(byId.get(unresolved).recommendation()).isEqualTo(Recommendation.KEEP);
	}

	@Test
	void managementGroupAssignmentsAreEvaluatedThroughTheInheritedList() {
		String uaa = "/providers/Microsoft.Management/managementGroups/mg-corp/providers/Microsoft.Authorization/"
				+ "roleAssignments/mg-1";
		RoleAssignment inherited = new RoleAssignment(uaa, "mg-1", MG,
				"/providers/Microsoft.Authorization/roleDefinitions/" + SignalEvaluator.USER_ACCESS_ADMINISTRATOR,
				group("g-mg-admins"), "Group", null, null, null, null, null, null, null, null);

		List<AssignmentAssessment> assessments = new SignalEvaluator(AccessPolicy.defaults()).evaluate(snapshot(),
				Map.of(SUB, List.of(inherited)));

		AssignmentAssessment assessment = assessments.stream()
			.filter((a) -> a.assignment().id().equals(uaa))
			.findFirst()
			.orElseThrow();
		assertThat(assessment.signals()).extracting(SignalHit::signal)
			.containsExactlyInAnyOrder(Signal.ADMIN_AT_BROAD_SCOPE, Signal.MISSING_ABAC_CONDITION);
		assertThat(assessment.signals().get(0).severity()).isEqualTo("HIGH");
		assertThat(assessment.recommendation()).isEqualTo(Recommendation.REDUCE_SCOPE);
		assertThat(assessment.workspaceIds()).containsExactly(WS);
	}

	@Test
	void breakGlassPrincipalsAreReportedButNeverProposedForRemoval() {
		String breakGlassId = user("u-break-glass");
		String owner = assign("/subscriptions/" + SUB, SignalEvaluator.OWNER, breakGlassId, "User", null);
		String orphanBreakGlass = assign(RG, READER, orphaned("u-old-break-glass"), "User", null);
		String orphanId = this.assignments.get(this.assignments.size() - 1).principalId();

		Map<String, AssignmentAssessment> byId = evaluate(
				AccessPolicy.defaults().withBreakGlass(breakGlassId.toUpperCase(), orphanId));

		assertThat(signals(byId, owner)).contains(Signal.ADMIN_AT_BROAD_SCOPE);
		assertThat(byId.get(owner).breakGlass()).isTrue();
		assertThat(byId.get(owner).recommendation()).isEqualTo(Recommendation.KEEP);
		assertThat(byId.get(owner).reason()).contains("Break-glass");
		assertThat(byId.get(orphanBreakGlass).recommendation()).isEqualTo(Recommendation.KEEP);
	}

	@Test
	void abacConditionIsOnlyExpectedWhereConfigured() {
		String withCondition = assign(RG, SignalEvaluator.RBAC_ADMINISTRATOR, group("g-a"), "Group",
				"@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {"
						+ DATA_SCIENTIST + "}");
		String reader = assign(WS, READER, group("g-b"), "Group", null);

		assertThat(signals(evaluate(AccessPolicy.defaults()), withCondition)).isEmpty();
		assertThat(signals(evaluate(AccessPolicy.defaults()), reader)).isEmpty();
		assertThat(signals(evaluate(AccessPolicy.defaults().withAbacExpected("reader")), reader))
			.containsExactly(Signal.MISSING_ABAC_CONDITION);
		assertThat(signals(evaluate(AccessPolicy.defaults().withAbacExpected(READER)), reader))
			.containsExactly(Signal.MISSING_ABAC_CONDITION);
	}

	@Test
	void observationsCarryOneResultPerSignalAndAssignment() {
		String owner = assign("/subscriptions/" + SUB, SignalEvaluator.OWNER, user("u-owner"), "User", null);
		String unresolved = assign(RG, READER, "99999999-0000-4000-8000-000000000009", "User", null);

		List<Observation> observations = SignalEvaluator
			.observations(new SignalEvaluator(AccessPolicy.defaults()).evaluate(snapshot(), Map.of()));

		assertThat(observations).hasSize(2 * Signal.values().length);
		Observation admin = observations.stream()
			.filter((o) -> o.discriminator().equals(owner) && o.checkId().equals("rbac-owner-at-subscription"))
			.findFirst()
			.orElseThrow();
		assertThat(admin.outcome()).isEqualTo(Observation.Outcome.FAIL);
		assertThat(admin.severity()).isEqualTo("CRITICAL");
		assertThat(admin.resourceId()).isEqualTo("/subscriptions/" + SUB);
		assertThat(admin.workspaceIds()).containsExactly(WS);
		assertThat(observations.stream()
			.filter((o) -> o.discriminator().equals(unresolved) && o.checkId().equals("rbac-orphaned-assignment"))
			.findFirst()
			.orElseThrow()
			.outcome()).isEqualTo(Observation.Outcome.UNKNOWN);
		assertThat(observations.stream()
			.filter((o) -> o.discriminator().equals(owner) && o.checkId().equals("rbac-orphaned-assignment"))
			.findFirst()
			.orElseThrow()
			.outcome()).isEqualTo(Observation.Outcome.PASS);
	}

	private String cleanWorkspaceAssignments() {
		String cleanVault = CLEAN_WS.replace("Microsoft.MachineLearningServices/workspaces/ws-clean",
				"Microsoft.KeyVault/vaults/kvclean");
		assign(CLEAN_WS, DATA_SCIENTIST, group("g-clean-ds"), "Group", null);
		assign(cleanVault, "e147488a-f6f5-4113-8e2d-b22465e65bf6", sp("ws-clean-identity"), "ServicePrincipal", null);
		return assign(CLEAN_WS, READER, group("g-clean-readers"), "Group", null);
	}

	private Map<String, AssignmentAssessment> evaluate(AccessPolicy policy) {
		return new SignalEvaluator(policy).evaluate(snapshot(), Map.of())
			.stream()
			.collect(Collectors.toMap((a) -> a.assignment().id(), (a) -> a));
	}

	private static Set<Signal> signals(Map<String, AssignmentAssessment> byId, String id) {
		assertThat(byId).containsKey(id);
		return byId.get(id).signals().stream().map(SignalHit::signal).collect(Collectors.toSet());
	}

	private TenantSnapshot snapshot() {
		return TenantSnapshot.builder(InventoryScope.subscriptions(List.of(SUB, CLEAN_SUB)), Instant.now())
			.workspaces(List.of(workspace(WS, SUB, "rg-ml", VAULT),
					workspace(CLEAN_WS, CLEAN_SUB, "rg-clean",
							CLEAN_WS.replace("Microsoft.MachineLearningServices/workspaces/ws-clean",
									"Microsoft.KeyVault/vaults/kvclean"))))
			.roleAssignments(this.assignments)
			.roleDefinitions(List
				.of(builtIn(SignalEvaluator.OWNER, "Owner", "*"),
						builtIn(SignalEvaluator.CONTRIBUTOR, "Contributor", "*"), builtIn(READER, "Reader", "*/read"),
						builtIn(SignalEvaluator.USER_ACCESS_ADMINISTRATOR, "User Access Administrator",
								"Microsoft.Authorization/*"),
						builtIn(SignalEvaluator.RBAC_ADMINISTRATOR, "Role Based Access Control Administrator",
								"Microsoft.Authorization/roleAssignments/write"),
						builtIn(DATA_SCIENTIST, "AzureML Data Scientist",
								"Microsoft.MachineLearningServices/workspaces/*/action"),
						builtIn(SignalEvaluator.KEY_VAULT_CRYPTO_OFFICER, "Key Vault Crypto Officer",
								"Microsoft.KeyVault/checkNameAvailability/read"),
						builtIn("e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User",
								"Microsoft.EventGrid/eventSubscriptions/write"),
						new RoleDefinition(
								"/subscriptions/"
										+ SUB + "/providers/Microsoft.Authorization/roleDefinitions/" + CUSTOM,
								CUSTOM, "Workspace Janitor", "CustomRole", null, List.of(RG),
								List.of(new RoleDefinition.Permission(List.of("Microsoft.MachineLearningServices/*",
										"Microsoft.Authorization/*/Write"), null, null, null)))))
			.principals(this.principals)
			.build();
	}

	private static RoleDefinition builtIn(String guid, String name, String action) {
		return new RoleDefinition("/providers/Microsoft.Authorization/roleDefinitions/" + guid, guid, name,
				"BuiltInRole", null, List.of("/"),
				List.of(new RoleDefinition.Permission(List.of(action), null, null, null)));
	}

	private static Workspace workspace(String id, String subscription, String rg, String vault) {
		return new Workspace(id, id.substring(id.lastIndexOf('/') + 1), subscription, rg, "westeurope", "Default",
				"Basic", Map.of(), null, null, null, vault, null, null, null,
				new WorkspaceEncryption("Enabled", vault, "https://kv.vault.azure.net/keys/cmk/1", null, null), false,
				"Disabled", false, null, null, "identity", false, true, false, null, "Succeeded", null, null);
	}

	private String assign(String scope, String roleGuid, String principalId, String type, String condition) {
		String name = "a-" + (++this.sequence);
		String id = scope + "/providers/Microsoft.Authorization/roleAssignments/" + name;
		this.assignments.add(new RoleAssignment(id, name, scope,
				"/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid, principalId,
				type, condition, (condition != null) ? "2.0" : null, null, null, null, null, null, null));
		return id;
	}

	private String user(String name) {
		return principal(new Principal(id(name), "user", name, name + "@contoso.com", "Member", true, false));
	}

	private String guest(String name) {
		return principal(new Principal(id(name), "user", name, name + "_fabrikam.com#EXT#@contoso.onmicrosoft.com",
				"Guest", true, false));
	}

	private String group(String name) {
		return principal(new Principal(id(name), "group", name, null, null, null, false));
	}

	private String sp(String name) {
		return principal(new Principal(id(name), "servicePrincipal", name, null, null, true, false));
	}

	private String orphaned(String name) {
		return principal(new Principal(id(name), null, null, null, null, null, true));
	}

	private String softDeleted(String name) {
		return principal(new Principal(id(name), "user", name, name + "@contoso.com", null, null, true));
	}

	private String principal(Principal principal) {
		this.principals.add(principal);
		return principal.id();
	}

	private static String id(String name) {
		return java.util.UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
	}

}
