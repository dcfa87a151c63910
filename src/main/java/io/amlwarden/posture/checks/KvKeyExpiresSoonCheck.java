package io.amlwarden.posture.checks;

import java.time.Duration;
import java.time.Instant;

import io.amlwarden.inventory.VaultKey;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.PostureProperties;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvKeyExpiresSoonCheck extends KeyCheck {

	private static final String PATH = "attributes.expires";

	private final Duration window;

	KvKeyExpiresSoonCheck(PostureProperties properties) {
		super(Meta.id("kv-key-expires-soon")
			.title("Customer-managed keys do not expire within the warning window")
			.severity(Severity.HIGH)
			.category(Category.ENCRYPTION)
			.policies("5ff38825-c5d8-47c5-b70e-069a21955146")
			.mcsb("DP-6")
			.rationale("When the current version of a customer-managed key expires, Azure can no longer unwrap the"
					+ " data encryption key and the workspace or storage account loses access to its data. A key"
					+ " whose expiry falls within warden.posture.keys.expires-soon (default 30 days) of the scan"
					+ " needs a new version now; an already expired key fails too. A key without an expiry is"
					+ " NOT_APPLICABLE here (kv-key-expiry-set reports it).")
			.cli("az keyvault key rotate --vault-name <vault> --name <key>")
			.bicep("Microsoft.KeyVault/vaults/keys: properties.rotationPolicy.lifetimeActions: [{ action: { type:"
					+ " 'Rotate' }, trigger: { timeBeforeExpiry: 'P30D' } }]"));
		this.window = properties.keys().expiresSoon();
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "more than " + KeyLifetimes.days(this.window) + " away";
	}

	@Override
	Verdict judge(VaultKey key, WorkspaceGraph graph) {
		Instant expires = key.expires();
		if (expires == null) {
			return Verdict
				.notApplicable("Key '" + key.name() + "' has no expiration date; kv-key-expiry-set reports that");
		}
		Duration left = Duration.between(graph.now(), expires);
		if (left.isNegative()) {
			return Verdict.fail(PATH, expires, expected(), "Key '" + key.name() + "' expired on " + expires);
		}
		return Verdict.of(left.compareTo(this.window) > 0, PATH, expires, expected(),
				"Key '" + key.name() + "' expires in " + KeyLifetimes.days(left),
				"Key '" + key.name() + "' expires in " + KeyLifetimes.days(left) + ", within the "
						+ KeyLifetimes.days(this.window) + " warning window");
	}

}
