package io.amlwarden.rotation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.amlwarden.api.ApiException;
import io.amlwarden.azure.AzureCallException;
import io.amlwarden.azure.CallerPermissions;
import io.amlwarden.azure.CmkOperations;
import io.amlwarden.azure.KeyVaultKeys;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.KeyUrls;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.rotation.PlanView.Blocker;
import io.amlwarden.rotation.PlanView.DependentAction;
import io.amlwarden.rotation.PlanView.DependentKind;
import io.amlwarden.rotation.PlanView.KeyRef;
import io.amlwarden.rotation.PlanView.PlannedDependent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Makes plans: finds the key's dependents in the inventory, reads each of them, the vault
 * and the key fresh from Azure, and lists what the rotation will change, verify and
 * check, and what blocks it. Plans are stored so that execution and reviewers see exactly
 * what was proposed.
 */
@Service
class PlanService {

	private final CmkOperations azure;

	private final KeyVaultKeys keys;

	private final RotationInventory inventory;

	private final PolicyStore policies;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final RotationProperties properties;

	private final Clock clock;

	PlanService(CmkOperations azure, KeyVaultKeys keys, RotationInventory inventory, PolicyStore policies,
			JdbcTemplate jdbc, JsonMapper json, RotationProperties properties, Clock clock) {
		this.azure = azure;
		this.keys = keys;
		this.inventory = inventory;
		this.policies = policies;
		this.jdbc = jdbc;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Plans a rotation under a policy (following a workspace target's current key).
	 */
	PlanView planForPolicy(Policy policy, String requestedBy) {
		KeyRef key = new KeyRef(policy.vaultId(), policy.vaultUrl(), policy.keyName(), policy.keyId());
		if (policy.targetKind() == Policy.TargetKind.WORKSPACE && policy.workspaceId() != null) {
			key = followWorkspace(policy, key);
		}
		return store(plan(key, policy.id(), policy.approvalRequired(), requestedBy));
	}

	/**
	 * Plans an on-demand rotation of a key (or of a workspace's key).
	 */
	PlanView planOnDemand(@Nullable String vaultId, @Nullable String keyName, @Nullable String workspaceId,
			String requestedBy) {
		String vault = vaultId;
		String name = keyName;
		if (workspaceId != null) {
			Workspace workspace;
			try {
				workspace = this.azure.workspace(workspaceId);
			}
			catch (AzureCallException ex) {
				throw PolicyService.azureProblem(ex, "workspaceId", "unknown-workspace", "workspace");
			}
			if (workspace.encryption() == null || workspace.encryption().keyName() == null) {
				throw IsoDurations.invalid("workspaceId", "workspace-without-cmk",
						"uses Microsoft-managed keys: there is no customer-managed key to rotate");
			}
			vault = workspace.encryption().keyVaultArmId();
			name = workspace.encryption().keyName();
		}
		if (vault == null || name == null) {
			throw IsoDurations.invalid("target", "invalid-target", "give either vaultId and keyName, or workspaceId");
		}
		KeyVault read;
		try {
			read = this.azure.vault(vault);
		}
		catch (AzureCallException ex) {
			throw PolicyService.azureProblem(ex, "vaultId", "unknown-vault", "vault");
		}
		String vaultUrl = KeyUrls.vaultUrl(read.vaultUri());
		if (vaultUrl == null) {
			throw IsoDurations.invalid("vaultId", "unknown-vault", "has no data-plane URL");
		}
		String keyId = Policy.keyId(read.id(), name);
		Policy policy = this.policies.findByKey(keyId).orElse(null);
		return store(plan(new KeyRef(read.id(), vaultUrl, name, keyId), (policy != null) ? policy.id() : null,
				new ApprovalRule(this.properties.approval()).onDemand(policy), requestedBy));
	}

	PlanView get(UUID id) {
		List<String> rows = this.jdbc.queryForList("SELECT plan_json::text FROM rotation_plan WHERE id = ?",
				String.class, id);
		if (rows.isEmpty()) {
			throw ApiException.notFound("Rotation plan", id.toString());
		}
		return this.json.readValue(rows.get(0), PlanView.class);
	}

	private KeyRef followWorkspace(Policy policy, KeyRef key) {
		try {
			Workspace workspace = this.azure.workspace(policy.workspaceId());
			if (workspace.encryption() == null || workspace.encryption().keyName() == null
					|| workspace.encryption().keyVaultArmId() == null) {
				return key;
			}
			String vaultId = workspace.encryption().keyVaultArmId();
			String keyName = workspace.encryption().keyName();
			String keyId = Policy.keyId(vaultId, keyName);
			if (keyId.equals(key.keyId())) {
				return key;
			}
			String vaultUrl = KeyUrls.vaultUrl(workspace.encryption().keyIdentifier());
			// The workspace moved to another key of its vault: the policy follows it.
			this.policies.retarget(policy.id(), vaultId, (vaultUrl != null) ? vaultUrl : key.vaultUrl(), keyName,
					keyId);
			return new KeyRef(vaultId, (vaultUrl != null) ? vaultUrl : key.vaultUrl(), keyName, keyId);
		}
		catch (AzureCallException ex) {
			return key;
		}
	}

	/**
	 * Assesses a key against Azure now, without storing anything.
	 */
	Assessment assess(KeyRef key) {
		List<String> checks = new ArrayList<>();
		List<Blocker> blockers = new ArrayList<>();
		KeyVault vault = null;
		VaultKey.KeyVersion current = null;
		try {
			vault = this.azure.vault(key.vaultId());
			checks.add("vault " + vault.name() + " exists and has soft delete and purge protection");
			if (!Boolean.TRUE.equals(vault.enableSoftDelete()) || !Boolean.TRUE.equals(vault.enablePurgeProtection())) {
				blockers.add(new Blocker(vault.id(), "vault-not-recoverable",
						"Enable soft delete and purge protection on the vault: Azure ML requires both for "
								+ "customer-managed keys"));
			}
		}
		catch (AzureCallException ex) {
			blockers.add(new Blocker(key.vaultId(), (ex.status() == 404) ? "unknown-vault" : "vault-unreadable",
					"The vault could not be read: " + ex.getMessage()));
		}
		try {
			current = this.azure.currentVersion(key.vaultUrl(), key.keyName());
			checks.add("key " + key.keyName() + " exists; current version " + current.version()
					+ " stays enabled after the rotation");
			if (Boolean.FALSE.equals(current.enabled())) {
				blockers.add(new Blocker(null, "key-disabled", "The key's current version is disabled"));
			}
		}
		catch (AzureCallException ex) {
			blockers.add(new Blocker(key.vaultId(), (ex.status() == 404) ? "unknown-key" : "key-unreadable",
					"The key could not be read: " + ex.getMessage()));
		}
		try {
			this.keys.rotationPolicy(key.vaultUrl(), key.keyName());
			checks.add("AML Warden may read the key's rotation policy (Get/Rotate/Set RotationPolicy)");
		}
		catch (AzureCallException ex) {
			if (ex.reason() == AzureCallException.Reason.FORBIDDEN) {
				blockers.add(new Blocker(key.vaultId(), "missing-permission",
						"Grant AML Warden's identity 'Key Vault Crypto Officer' on the vault (or the key permissions "
								+ "rotate, getrotationpolicy, setrotationpolicy)"));
			}
		}
		Set<String> subscriptions = new LinkedHashSet<>(this.properties.subscriptions());
		String subscription = ArmIds.subscriptionOf(key.vaultId());
		if (subscription != null) {
			subscriptions.add(subscription);
		}
		RotationInventory.Candidates candidates = this.inventory.candidates(subscriptions);
		checks.add("dependents found in "
				+ (candidates.stored() ? "the inventory stored by the scans" : "an inventory collected for rotation")
				+ " at " + candidates.collectedAt() + ", each read again from Azure now");
		Map<String, PlannedDependent> dependents = new LinkedHashMap<>();
		for (RotationInventory.Candidate candidate : candidates.workspaces()) {
			if (!usesKey(candidate.keyUrl(), key)) {
				continue;
			}
			Workspace workspace;
			try {
				workspace = this.azure.workspace(candidate.resourceId());
			}
			catch (AzureCallException ex) {
				if (ex.status() != 404) {
					blockers.add(new Blocker(candidate.resourceId(), "workspace-unreadable",
							"The workspace could not be read: " + ex.getMessage()));
				}
				continue;
			}
			if (workspace.encryption() == null || !usesKey(workspace.encryption().keyIdentifier(), key)) {
				continue;
			}
			dependents.put(ArmIds.key(workspace.id()), new PlannedDependent(workspace.id(), DependentKind.WORKSPACE,
					DependentAction.UPDATE, workspace.encryption().keyIdentifier()));
			if (Boolean.TRUE.equals(workspace.enableServiceSideCmkEncryption())) {
				blockers.add(new Blocker(workspace.id(), "service-side-cmk",
						"The workspace uses service-side CMK encryption (preview), which does not support key "
								+ "rotation"));
			}
			if (!ArmIds.same(workspace.encryption().keyVaultArmId(), key.vaultId())) {
				blockers.add(new Blocker(workspace.id(), "key-in-other-vault",
						"The workspace's keyVaultArmId is another vault; Azure ML only accepts keys from the vault "
								+ "it was created with"));
			}
		}
		for (RotationInventory.Candidate candidate : candidates.storageAccounts()) {
			if (!usesKey(candidate.keyUrl(), key)) {
				continue;
			}
			StorageAccount account;
			try {
				account = this.azure.storageAccount(candidate.resourceId());
			}
			catch (AzureCallException ex) {
				if (ex.status() != 404) {
					blockers.add(new Blocker(candidate.resourceId(), "storage-unreadable",
							"The storage account could not be read: " + ex.getMessage()));
				}
				continue;
			}
			StorageAccount.Encryption encryption = account.encryption();
			if (encryption == null || !encryption.usesCustomerManagedKey()) {
				continue;
			}
			boolean pinned = encryption.keyVersion() != null && !encryption.keyVersion().isBlank();
			dependents.put(ArmIds.key(account.id()),
					new PlannedDependent(account.id(),
							pinned ? DependentKind.STORAGE_PINNED : DependentKind.STORAGE_AUTO,
							pinned ? DependentAction.UPDATE : DependentAction.VERIFY,
							encryption.currentVersionedKeyIdentifier()));
		}
		checks.add("each dependent is read again right before it changes, and read back afterwards");
		if (dependents.values().stream().anyMatch((d) -> d.kind() == DependentKind.STORAGE_AUTO)) {
			checks.add("storage accounts that follow the latest version pick it up within about a day; the rotation "
					+ "stays PROPAGATING until they do");
		}
		List<Blocker> warnings = new ArrayList<>();
		checkPermissions(key, vault, dependents.values(), checks, blockers, warnings);
		return new Assessment(vault, current, List.copyOf(dependents.values()), checks, blockers, warnings,
				candidates.collectedAt());
	}

	/** Data action Key Vault checks on {@code POST keys/{name}/rotate} (RBAC vaults). */
	static final String ROTATE_DATA_ACTION = "Microsoft.KeyVault/vaults/keys/rotate/action";

	/** Data action for tagging the new version with the rotation id (RBAC vaults). */
	static final String UPDATE_KEY_DATA_ACTION = "Microsoft.KeyVault/vaults/keys/update/action";

	static final String WORKSPACE_WRITE = "Microsoft.MachineLearningServices/workspaces/write";

	static final String STORAGE_WRITE = "Microsoft.Storage/storageAccounts/write";

	/**
	 * Asks ARM what AML Warden's identity may do on the vault and on each dependent it
	 * will change, and blocks the plan on each missing permission, naming the action and
	 * the resource. Permissions that cannot be read are a warning (the rotation may still
	 * work, but nothing vouches for it), never a silent pass. On a vault that uses access
	 * policies instead of Azure RBAC, data actions do not apply: Key Vault checks the key
	 * permissions itself, and the rotation-policy probe above stands in for them.
	 */
	private void checkPermissions(KeyRef key, @Nullable KeyVault vault,
			java.util.Collection<PlannedDependent> dependents, List<String> checks, List<Blocker> blockers,
			List<Blocker> warnings) {
		Map<String, List<Need>> needed = new LinkedHashMap<>();
		if (vault != null && Boolean.TRUE.equals(vault.enableRbacAuthorization())) {
			needed.computeIfAbsent(vault.id(), (k) -> new ArrayList<>()).add(new Need(ROTATE_DATA_ACTION, true, true));
			needed.get(vault.id()).add(new Need(UPDATE_KEY_DATA_ACTION, true, false));
		}
		else if (vault != null) {
			checks.add("vault " + vault.name() + " uses access policies: Key Vault checks the key permissions "
					+ "(rotate, update, get/set rotation policy) itself");
		}
		for (PlannedDependent dependent : dependents) {
			if (dependent.action() != DependentAction.UPDATE) {
				continue;
			}
			String action = (dependent.kind() == DependentKind.WORKSPACE) ? WORKSPACE_WRITE : STORAGE_WRITE;
			needed.computeIfAbsent(dependent.resourceId(), (k) -> new ArrayList<>()).add(new Need(action, false, true));
		}
		int confirmed = 0;
		for (Map.Entry<String, List<Need>> entry : needed.entrySet()) {
			String resource = entry.getKey();
			CallerPermissions permissions;
			try {
				permissions = this.azure.permissions(resource);
			}
			catch (AzureCallException ex) {
				warnings.add(new Blocker(resource, "permissions-unreadable",
						"AML Warden could not read its own permissions on this resource (" + ex.getMessage()
								+ "), so these are unconfirmed: "
								+ entry.getValue().stream().map(Need::action).collect(Collectors.joining(", "))));
				continue;
			}
			for (Need need : entry.getValue()) {
				boolean allowed = need.data() ? permissions.allowsDataAction(need.action())
						: permissions.allowsAction(need.action());
				if (allowed) {
					confirmed++;
				}
				else if (need.blocks()) {
					blockers.add(new Blocker(resource, "missing-permission",
							"AML Warden's identity lacks " + need.action() + " on " + resource + "; grant it (e.g. "
									+ grantHint(need.action()) + ") before rotating"));
				}
				else {
					warnings.add(new Blocker(resource, "missing-permission",
							"AML Warden's identity lacks " + need.action() + " on " + resource
									+ ": the new version cannot be tagged with the rotation id, which makes crash "
									+ "recovery less precise"));
				}
			}
		}
		if (confirmed > 0) {
			checks.add("AML Warden's identity holds " + confirmed + " of the permissions the rotation needs, as ARM "
					+ "reports them (Microsoft.Authorization/permissions)");
		}
	}

	private static String grantHint(String action) {
		return switch (action) {
			case ROTATE_DATA_ACTION, UPDATE_KEY_DATA_ACTION -> "the role Key Vault Crypto Officer on the vault";
			case WORKSPACE_WRITE -> "the role Contributor, or a custom role with this action, on the workspace";
			default -> "the role Storage Account Contributor on the storage account";
		};
	}

	private PlanView plan(KeyRef key, @Nullable UUID policyId, boolean approvalRequired, String requestedBy) {
		Assessment assessment = assess(key);
		Instant now = this.clock.instant();
		return new PlanView(UUID.randomUUID(), policyId, key,
				(assessment.current() != null) ? assessment.current().version() : null,
				(assessment.current() != null) ? assessment.current().kid() : null, assessment.dependents(),
				assessment.checks(), assessment.blockers(), !assessment.blockers().isEmpty(), assessment.warnings(),
				approvalRequired, assessment.inventoryAt(), requestedBy, now, now.plus(this.properties.planTtl()));
	}

	private PlanView store(PlanView plan) {
		this.jdbc.update(
				"INSERT INTO rotation_plan (id, policy_id, key_id, vault_id, vault_url, key_name, current_version, "
						+ "blocked, plan_json, created_by, created_at, expires_at) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)",
				plan.id(), plan.policyId(), plan.key().keyId(), plan.key().vaultId(), plan.key().vaultUrl(),
				plan.key().keyName(), plan.currentVersion(), plan.blocked(), this.json.writeValueAsString(plan),
				plan.createdBy(), PolicyStore.ts(plan.createdAt()), PolicyStore.ts(plan.expiresAt()));
		return plan;
	}

	/**
	 * Whether a key URL (versioned or not) names this key.
	 */
	static boolean usesKey(@Nullable String keyUrl, KeyRef key) {
		String vault = KeyUrls.vaultUrl(keyUrl);
		String name = KeyUrls.name(keyUrl);
		return vault != null && name != null && vault.equalsIgnoreCase(KeyUrls.vaultUrl(key.vaultUrl()))
				&& name.equalsIgnoreCase(key.keyName());
	}

	/** A permission the rotation needs on one resource, and whether lacking it blocks. */
	private record Need(String action, boolean data, boolean blocks) {
	}

	/**
	 * What Azure says about a key and its dependents right now.
	 */
	record Assessment(@Nullable KeyVault vault, VaultKey.@Nullable KeyVersion current,
			List<PlannedDependent> dependents, List<String> checks, List<Blocker> blockers, List<Blocker> warnings,
			Instant inventoryAt) {
	}

}
