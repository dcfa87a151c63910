package io.amlwarden.posture.checks;

import java.util.Locale;

import io.amlwarden.inventory.VaultKey;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.PostureProperties;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvKeyStrengthCheck extends KeyCheck {

	private static final String PATH = "keySize";

	private final int minimumRsa;

	KvKeyStrengthCheck(PostureProperties properties) {
		super(Meta.id("kv-key-strength")
			.title("Customer-managed keys are strong enough")
			.severity(Severity.LOW)
			.category(Category.ENCRYPTION)
			.policies("82067dbb-e53b-4e06-b631-546d197452d9", "ff25f3c8-b739-4538-9d07-3d6d25cfb255")
			.rationale("RSA keys need at least warden.posture.keys.minimum-rsa-key-size bits (default 2048;"
					+ " workspaces accept 2048, 3072 and 4096) and symmetric (oct) keys at least 256 bits. The"
					+ " curve of EC keys is not in the inventory, so EC keys are UNKNOWN rather than assumed"
					+ " strong.")
			.cli("az keyvault key create --vault-name <vault> --name <key> --kty RSA-HSM --size 3072"
					+ "  # then point the workspace and storage account at the new key")
			.bicep("Microsoft.KeyVault/vaults/keys: properties: { kty: 'RSA-HSM', keySize: 3072 }"));
		this.minimumRsa = properties.keys().minimumRsaKeySize();
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "RSA >= " + this.minimumRsa + " bits, oct >= 256 bits";
	}

	@Override
	Verdict judge(VaultKey key, WorkspaceGraph graph) {
		String type = (key.keyType() != null) ? key.keyType().toUpperCase(Locale.ROOT) : "";
		Integer size = key.keySize();
		String observed = Verdict.show(key.keyType()) + " " + Verdict.show(size);
		int minimum;
		if (type.startsWith("RSA")) {
			minimum = this.minimumRsa;
		}
		else if (type.startsWith("OCT")) {
			minimum = 256;
		}
		else if (type.startsWith("EC")) {
			return Verdict.unknown("crv", "an approved curve (P-256, P-384, P-521)",
					"Key '" + key.name() + "' is an EC key and its curve is not in the inventory");
		}
		else {
			return Verdict.unknown("kty", expected(),
					"Key '" + key.name() + "' has an unrecognised type " + Verdict.show(key.keyType()));
		}
		if (size == null) {
			return Verdict.unknown(PATH, expected(), "The size of key '" + key.name() + "' is not known");
		}
		return Verdict.of(size >= minimum, PATH, observed, expected(),
				"Key '" + key.name() + "' is " + type + " " + size + " bits",
				"Key '" + key.name() + "' is " + type + " " + size + " bits, below " + minimum);
	}

}
