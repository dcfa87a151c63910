package io.amlwarden.access;

import java.time.Instant;
import java.util.List;

import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;

/**
 * The access-review tenant: a risky workspace whose assignments raise every signal once
 * (one case per signal, each with a known assignment id), and a clean workspace in
 * another subscription that raises none. Shared by the simulator-backed tests.
 */
final class AccessFixture {

	static final String TENANT = "72f988bf-0000-4000-8000-0000000acce5";

	static final String SUB = "00000000-0000-4000-8000-0000000acc01";

	static final String CLEAN_SUB = "00000000-0000-4000-8000-0000000acc02";

	/** A subscription with a single Owner and an assignment of AML Warden's identity. */
	static final String LONE_OWNER_SUB = "00000000-0000-4000-8000-0000000acc03";

	/**
	 * AML Warden's own service principal ({@code warden.access.service-principal-ids}).
	 */
	static final String WARDEN_IDENTITY = "c0000000-0000-4000-8000-000000000002";

	static final String COMPUTE_OPERATOR = "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815";

	static final String RBAC_ADMINISTRATOR = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";

	static final String CUSTOM_ROLE = "c0570000-0000-4000-8000-00000000acc1";

	// principals
	static final String REVIEWER = "a0000000-0000-4000-8000-000000000001";

	static final String SECOND_REVIEWER = "a0000000-0000-4000-8000-000000000002";

	static final String OWNER_USER = "a0000000-0000-4000-8000-000000000003";

	static final String BREAK_GLASS = "a0000000-0000-4000-8000-000000000004";

	static final String GUEST = "a0000000-0000-4000-8000-000000000005";

	static final String DATA_SCIENTIST_USER = "a0000000-0000-4000-8000-000000000006";

	static final String CRYPTO_USER = "a0000000-0000-4000-8000-000000000007";

	static final String OPERATOR_USER = "a0000000-0000-4000-8000-000000000008";

	static final String MG_ADMINS = "b0000000-0000-4000-8000-000000000001";

	static final String CONTRIBUTORS = "b0000000-0000-4000-8000-000000000002";

	static final String CUSTOM_GROUP = "b0000000-0000-4000-8000-000000000003";

	static final String RBAC_GROUP = "b0000000-0000-4000-8000-000000000004";

	static final String CLEAN_READERS = "b0000000-0000-4000-8000-000000000005";

	static final String CLEAN_SCIENTISTS = "b0000000-0000-4000-8000-000000000006";

	static final String DEPLOYER = "c0000000-0000-4000-8000-000000000001";

	static final String SOFT_DELETED_USER = "d0000000-0000-4000-8000-000000000001";

	static final String ORPHAN = "d0000000-0000-4000-8000-000000000002";

	// assignments (ARM ids, set when the fixture is built)
	static final String OWNER_AT_SUBSCRIPTION;

	static final String UAA_AT_MANAGEMENT_GROUP;

	static final String CONTRIBUTOR_GROUP_AT_SUBSCRIPTION;

	static final String CUSTOM_WILDCARD;

	static final String GUEST_CONTRIBUTOR;

	static final String SP_CONTRIBUTOR_AT_SUBSCRIPTION;

	static final String ORPHANED;

	static final String SOFT_DELETED;

	static final String DATA_SCIENTIST;

	static final String COMPUTE_OPERATOR_USER;

	static final String CRYPTO_OFFICER;

	static final String RBAC_ADMIN_NO_CONDITION;

	static final String BREAK_GLASS_OWNER;

	static final String REVIEWERS_OWN;

	/** The only Owner of {@link #LONE_OWNER_SUB}. */
	static final String LONE_OWNER;

	/** AML Warden's own identity as Contributor on {@link #LONE_OWNER_SUB}. */
	static final String WARDEN_CONTRIBUTOR;

	static final String RISKY_WORKSPACE;

	static final String CLEAN_WORKSPACE;

	static final TenantFixture FIXTURE;

	static {
		TenantFixture fixture = new TenantFixture(TENANT, Instant.now()).subscription(SUB)
			.subscription(CLEAN_SUB)
			.subscription(LONE_OWNER_SUB);
		fixture.builtInRoleDefinition(COMPUTE_OPERATOR, "AzureML Compute Operator",
				List.of("Microsoft.MachineLearningServices/workspaces/computes/*"));
		fixture.builtInRoleDefinition(RBAC_ADMINISTRATOR, "Role Based Access Control Administrator", List
			.of("Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete"));
		fixture.customRole(SUB, CUSTOM_ROLE, "Workspace Janitor",
				List.of("Microsoft.MachineLearningServices/*", "Microsoft.Authorization/*/write"));
		fixture.principal(REVIEWER, "user", "Rita Reviewer", "Member");
		fixture.principal(SECOND_REVIEWER, "user", "Sam Second", "Member");
		fixture.principal(OWNER_USER, "user", "Olga Owner", "Member");
		fixture.principal(BREAK_GLASS, "user", "Break Glass", "Member");
		fixture.principal(GUEST, "user", "Gus Guest", "Guest");
		fixture.principal(DATA_SCIENTIST_USER, "user", "Dana Scientist", "Member");
		fixture.principal(CRYPTO_USER, "user", "Carl Crypto", "Member");
		fixture.principal(OPERATOR_USER, "user", "Otto Operator", "Member");
		fixture.principal(MG_ADMINS, "group", "MG Admins", null);
		fixture.principal(CONTRIBUTORS, "group", "Platform Contributors", null);
		fixture.principal(CUSTOM_GROUP, "group", "Janitors", null);
		fixture.principal(RBAC_GROUP, "group", "Access Delegates", null);
		fixture.principal(CLEAN_READERS, "group", "Clean Readers", null);
		fixture.principal(CLEAN_SCIENTISTS, "group", "Clean Scientists", null);
		fixture.principal(DEPLOYER, "servicePrincipal", "sp-deployer", null);
		fixture.principal(WARDEN_IDENTITY, "servicePrincipal", "aml-warden", null);
		fixture.deletedPrincipal(SOFT_DELETED_USER, "user", "Dora Deleted");
		String mg = fixture.managementGroup("mg-corp", SUB);

		TenantFixture.Stack risky = fixture.stack(SUB, "rg-ml", "ws-risky", null);
		TenantFixture.Stack clean = fixture.stack(CLEAN_SUB, "rg-clean", "ws-clean", null);
		fixture.principal(risky.workspacePrincipalId, "servicePrincipal", "ws-risky", null);
		fixture.principal(clean.workspacePrincipalId, "servicePrincipal", "ws-clean", null);
		RISKY_WORKSPACE = risky.workspaceId;
		CLEAN_WORKSPACE = clean.workspaceId;
		String subscription = "/subscriptions/" + SUB;
		String rg = subscription + "/resourceGroups/rg-ml";
		OWNER_AT_SUBSCRIPTION = fixture.assign(subscription, TenantFixture.OWNER, OWNER_USER, "User", null);
		UAA_AT_MANAGEMENT_GROUP = fixture.assign(mg, TenantFixture.USER_ACCESS_ADMINISTRATOR, MG_ADMINS, "Group", null);
		CONTRIBUTOR_GROUP_AT_SUBSCRIPTION = fixture.assign(subscription, TenantFixture.CONTRIBUTOR, CONTRIBUTORS,
				"Group", null);
		CUSTOM_WILDCARD = fixture.assign(rg, CUSTOM_ROLE, CUSTOM_GROUP, "Group", null);
		GUEST_CONTRIBUTOR = fixture.assign(rg, TenantFixture.CONTRIBUTOR, GUEST, "User", null);
		SP_CONTRIBUTOR_AT_SUBSCRIPTION = fixture.assign(subscription, TenantFixture.CONTRIBUTOR, DEPLOYER,
				"ServicePrincipal", null);
		ORPHANED = fixture.assign(rg, TenantFixture.READER, ORPHAN, "User", null);
		SOFT_DELETED = fixture.assign(rg, TenantFixture.READER, SOFT_DELETED_USER, "User", null);
		DATA_SCIENTIST = fixture.assign(risky.workspaceId, TenantFixture.AZUREML_DATA_SCIENTIST, DATA_SCIENTIST_USER,
				"User", null);
		COMPUTE_OPERATOR_USER = fixture.assign(risky.workspaceId, COMPUTE_OPERATOR, OPERATOR_USER, "User", null);
		CRYPTO_OFFICER = fixture.assign(risky.vaultId, TenantFixture.KEY_VAULT_CRYPTO_OFFICER, CRYPTO_USER, "User",
				null);
		RBAC_ADMIN_NO_CONDITION = fixture.assign(rg, RBAC_ADMINISTRATOR, RBAC_GROUP, "Group", null);
		BREAK_GLASS_OWNER = fixture.assign(subscription, TenantFixture.OWNER, BREAK_GLASS, "User", null);
		REVIEWERS_OWN = fixture.assign(rg, TenantFixture.READER, REVIEWER, "User", null);

		fixture.assign(clean.workspaceId, TenantFixture.READER, CLEAN_READERS, "Group", null);
		fixture.assign(clean.workspaceId, TenantFixture.AZUREML_DATA_SCIENTIST, CLEAN_SCIENTISTS, "Group", null);
		TenantFixture.Stack lone = fixture.stack(LONE_OWNER_SUB, "rg-lone", "ws-lone", null);
		fixture.principal(lone.workspacePrincipalId, "servicePrincipal", "ws-lone", null);
		LONE_OWNER = fixture.assign("/subscriptions/" + LONE_OWNER_SUB, TenantFixture.OWNER, OWNER_USER, "User", null);
		WARDEN_CONTRIBUTOR = fixture.assign("/subscriptions/" + LONE_OWNER_SUB, TenantFixture.CONTRIBUTOR,
				WARDEN_IDENTITY, "ServicePrincipal", null);
		FIXTURE = fixture;
	}

	private static AzureSimulator simulator;

	private AccessFixture() {
	}

	/** The JVM-wide simulator seeded with this fixture. */
	static synchronized AzureSimulator simulator() {
		if (simulator == null) {
			simulator = AzureSimulator.start(FIXTURE.toJson());
		}
		return simulator;
	}

}
