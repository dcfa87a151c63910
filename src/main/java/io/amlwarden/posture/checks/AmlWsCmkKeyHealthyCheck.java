package io.amlwarden.posture.checks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.KeyUrls;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.inventory.WorkspaceEncryption;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The key a workspace is encrypted with must exist, be enabled and unexpired, live in the
 * vault named by {@code keyVaultArmId}, and be the key's current version: otherwise the
 * workspace loses access to its data, or a rotation did not reach it.
 */
@Component
class AmlWsCmkKeyHealthyCheck extends WorkspaceCheck {

	private static final String PATH = "properties.encryption.keyVaultProperties.keyIdentifier";

	private static final String EXPECTED = "an existing, enabled, unexpired key in keyVaultArmId's vault,"
			+ " at its current version";

	AmlWsCmkKeyHealthyCheck() {
		super(Meta.id("aml-ws-cmk-key-healthy")
			.title("The customer-managed key of a workspace exists, is enabled, unexpired and current")
			.severity(Severity.CRITICAL)
			.category(Category.ENCRYPTION)
			.mcsb("DP-6")
			.rationale("A disabled, expired or deleted key makes the workspace's encrypted data unreadable; a key"
					+ " outside keyVaultArmId's vault cannot be selected (the key can only ever change within that"
					+ " vault); a workspace that points at an older version was not updated after a rotation."
					+ " Not applicable without a customer-managed key; projects inherit it from their hub. Kept in"
					+ " BASELINE because a broken key is an outage, not a hardening choice.")
			.cli("az keyvault key set-attributes --vault-name <vault> --name <key> --enabled true --expires <date>;"
					+ " az resource update --ids <workspace-id>"
					+ " --set properties.encryption.keyVaultProperties.keyIdentifier=<current-key-version-url>")
			.bicep("properties.encryption.keyVaultProperties.keyIdentifier: '<url of the key's current version>'"),
				true);
	}

	@Override
	Verdict judge(Workspace workspace, WorkspaceGraph graph) {
		WorkspaceEncryption encryption = workspace.encryption();
		if (encryption == null || !encryption.isEnabled()) {
			return Verdict.notApplicable("The workspace does not use a customer-managed key");
		}
		String kid = encryption.keyIdentifier();
		if (Values.isBlank(kid) || encryption.keyName() == null) {
			return Verdict.fail(PATH, kid, EXPECTED,
					"Encryption is Enabled but the key identifier is missing or" + " malformed");
		}
		if (ArmIds.key(encryption.keyVaultArmId()) == null) {
			return Verdict.fail("properties.encryption.keyVaultProperties.keyVaultArmId", null, EXPECTED,
					"Encryption is Enabled but keyVaultArmId is missing");
		}
		ReadResult<KeyVault> vaultRead = graph.snapshot().vault(encryption.keyVaultArmId());
		if (!vaultRead.isPresent()) {
			return Verdict.unreadable(PATH, EXPECTED, "the key's vault " + encryption.keyVaultArmId(),
					vaultRead.failure());
		}
		KeyVault vault = vaultRead.value();
		if (!sameVault(kid, vault)) {
			return Verdict.fail(PATH, kid, EXPECTED, "The key identifier points at " + KeyUrls.vaultUrl(kid)
					+ ", not at keyVaultArmId's vault " + vault.name());
		}
		String keyId = WorkspaceGraph.keyId(vault.id(), encryption.keyName());
		ReadResult<VaultKey> keyRead = graph.snapshot().key(keyId);
		if (!keyRead.isPresent()) {
			Optional<ReadFailure> listing = graph.failure(vault.id(), "keys");
			if (listing.isPresent() || keyRead.state() == ReadResult.State.UNREADABLE) {
				return Verdict.unreadable(PATH, EXPECTED, "the keys of vault " + vault.name(),
						listing.orElse(keyRead.failure()));
			}
			return Verdict.fail(PATH, kid, EXPECTED,
					"Key '" + encryption.keyName() + "' does not exist in vault " + vault.name());
		}
		return judgeKey(keyRead.value(), kid, encryption.keyVersion(), graph.now());
	}

	private static Verdict judgeKey(VaultKey key, String kid, @Nullable String version, Instant now) {
		String current = key.currentVersion();
		String observed = kid + " (enabled=" + Verdict.show(key.enabled()) + ", expires=" + Verdict.show(key.expires())
				+ ", current version=" + Verdict.show(current) + ")";
		if (Values.isFalse(key.enabled())) {
			return Verdict.fail(PATH, observed, EXPECTED, "Key '" + key.name() + "' is disabled");
		}
		if (key.expires() != null && !key.expires().isAfter(now)) {
			return Verdict.fail(PATH, observed, EXPECTED, "Key '" + key.name() + "' expired on " + key.expires());
		}
		if (version == null) {
			return Verdict.pass(PATH, observed, EXPECTED, "The workspace references key '" + key.name()
					+ "' without a version, so it follows the" + " current one");
		}
		if (current == null) {
			return Verdict.unknown(PATH, EXPECTED,
					"The current version of key '" + key.name() + "' is not known, so it cannot be compared");
		}
		if (!version.equalsIgnoreCase(current)) {
			return Verdict.fail(PATH, observed, EXPECTED, staleDetail(key, version, current, now));
		}
		return Verdict.pass(PATH, observed, EXPECTED,
				"Key '" + key.name() + "' is enabled, unexpired and the workspace uses its current version");
	}

	private static String staleDetail(VaultKey key, String version, String current, Instant now) {
		List<VaultKey.KeyVersion> versions = key.versions().orElse(List.of());
		VaultKey.KeyVersion used = versions.stream()
			.filter((v) -> version.equalsIgnoreCase(v.version()))
			.findFirst()
			.orElse(null);
		String prefix = "The workspace uses version " + version + " of key '" + key.name() + "' but the current"
				+ " version is " + current;
		if (used != null && Values.isFalse(used.enabled())) {
			return prefix + ", and the version it uses is disabled";
		}
		if (used != null && used.expires() != null && !used.expires().isAfter(now)) {
			return prefix + ", and the version it uses expired on " + used.expires();
		}
		if (key.versions().isPresent() && used == null) {
			return prefix + ", and the version it uses no longer exists";
		}
		return prefix + ": a rotation has not been carried through to the workspace";
	}

	private static boolean sameVault(String kid, KeyVault vault) {
		String keyHost = KeyUrls.vaultUrl(kid);
		String vaultHost = KeyUrls.vaultUrl(vault.vaultUri());
		if (vaultHost != null) {
			return vaultHost.equals(keyHost);
		}
		// Without a vault URI, fall back to the vault name, which is the first DNS label.
		return keyHost != null && vault.name() != null
				&& keyHost.startsWith("https://" + vault.name().toLowerCase(java.util.Locale.ROOT) + ".");
	}

}
