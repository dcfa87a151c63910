package io.amlwarden.posture.checks;

import java.time.Duration;

import io.amlwarden.inventory.VaultKey;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.PostureProperties;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvKeyMaxValidityCheck extends KeyCheck {

	private static final String PATH = "attributes.expires - attributes.created";

	private final Duration maximum;

	KvKeyMaxValidityCheck(PostureProperties properties) {
		super(Meta.id("kv-key-max-validity")
			.title("Customer-managed key versions are valid no longer than the maximum validity period")
			.severity(Severity.LOW)
			.category(Category.ENCRYPTION)
			.policies("49a22571-d204-4c91-a7b6-09b1a586fbc9")
			.mcsb("DP-6")
			.rationale("Bounding a key version's lifetime bounds the cryptoperiod: the time a version protects"
					+ " data and an attacker can use a copy. The maximum is warden.posture.keys.max-validity"
					+ " (default 730 days, the NIST SP 800-57 upper bound for key-wrapping keys). A key without an"
					+ " expiry has unbounded validity and fails.")
			.cli("az keyvault key set-attributes --vault-name <vault> --name <key> --expires <created + maximum>")
			.bicep("Microsoft.KeyVault/vaults/keys: properties.rotationPolicy.attributes.expiryTime: 'P1Y'"));
		this.maximum = properties.keys().maxValidity();
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "at most " + KeyLifetimes.days(this.maximum);
	}

	@Override
	Verdict judge(VaultKey key, WorkspaceGraph graph) {
		if (key.expires() == null) {
			return Verdict.fail(PATH, "no expiry", expected(),
					"Key '" + key.name() + "' never expires, so its validity is unbounded");
		}
		if (key.created() == null) {
			return Verdict.unknown(PATH, expected(), "The creation time of key '" + key.name() + "' is not known");
		}
		Duration validity = Duration.between(key.created(), key.expires());
		return Verdict.of(validity.compareTo(this.maximum) <= 0, PATH, KeyLifetimes.days(validity), expected(),
				"Key '" + key.name() + "' is valid for " + KeyLifetimes.days(validity),
				"Key '" + key.name() + "' is valid for " + KeyLifetimes.days(validity) + ", more than "
						+ KeyLifetimes.days(this.maximum));
	}

}
