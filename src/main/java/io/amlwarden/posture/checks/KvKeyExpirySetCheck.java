package io.amlwarden.posture.checks;

import io.amlwarden.inventory.VaultKey;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvKeyExpirySetCheck extends KeyCheck {

	private static final String PATH = "attributes.expires";

	KvKeyExpirySetCheck() {
		super(Meta.id("kv-key-expiry-set")
			.title("Customer-managed keys have an expiration date")
			.severity(Severity.HIGH)
			.category(Category.ENCRYPTION)
			.policies("152b15f7-8e1f-4c1f-ab71-8c010ba5dbc0")
			.mcsb("DP-6")
			.rationale("A key that never expires gives an attacker unlimited time to use a stolen copy and lets"
					+ " rotation be forgotten. The attribute is read through ARM (vaults/keys), so keys in vaults"
					+ " with public access disabled are judged too. MCSB ships this policy disabled, but a key used as"
					+ " customer-managed key is the point of this service, so every profile evaluates it;"
					+ " keys that are not a customer-managed key are NOT_APPLICABLE.")
			.cli("az keyvault key set-attributes --vault-name <vault> --name <key> --expires <yyyy-mm-ddThh:mm:ssZ>")
			.bicep("Microsoft.KeyVault/vaults/keys: properties.attributes.exp: <epoch seconds>, or"
					+ " properties.rotationPolicy.attributes.expiryTime: 'P1Y'"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "set";
	}

	@Override
	Verdict judge(VaultKey key, WorkspaceGraph graph) {
		return Verdict.of(key.expires() != null, PATH, key.expires(), "set", "Key expires on " + key.expires(),
				"Key '" + key.name() + "' has no expiration date");
	}

}
