package io.amlwarden.posture.checks;

import java.time.Duration;

import io.amlwarden.inventory.ReadResult;
import io.amlwarden.inventory.RotationPolicy;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.PostureProperties;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvKeyRotationPolicyCheck extends KeyCheck {

	private static final String PATH = "rotationPolicy.lifetimeActions";

	private final Duration maximum;

	KvKeyRotationPolicyCheck(PostureProperties properties) {
		super(Meta.id("kv-key-rotation-policy")
			.title("Customer-managed keys rotate automatically within the allowed period")
			.severity(Severity.HIGH)
			.category(Category.ENCRYPTION)
			.policies("d8cf8476-a2ec-4916-896e-992351803c44")
			.mcsb("DP-6")
			.rationale("A Rotate lifetime action makes Key Vault create new key versions on schedule; the"
					+ " scheduled rotation must come no later than warden.posture.keys.rotation-period after"
					+ " creation (default 365 days). A timeBeforeExpiry trigger counts from the policy's expiryTime."
					+ " The policy is read through ARM, so private vaults do not false-fail as they do for tools"
					+ " that call the data plane. Action names are compared ignoring case (the SDK writes 'rotate',"
					+ " the service 'Rotate').")
			.cli("az keyvault key rotation-policy update --vault-name <vault> --name <key> --value policy.json"
					+ "  # lifetimeActions: [{action: {type: Rotate}, trigger: {timeAfterCreate: P90D}}]")
			.bicep("Microsoft.KeyVault/vaults/keys: properties.rotationPolicy.lifetimeActions: [{ action: { type:"
					+ " 'rotate' }, trigger: { timeAfterCreate: 'P90D' } }]"));
		this.maximum = properties.keys().rotationPeriod();
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "a Rotate action scheduled within " + KeyLifetimes.days(this.maximum) + " of creation";
	}

	@Override
	Verdict judge(VaultKey key, WorkspaceGraph graph) {
		ReadResult<RotationPolicy> read = key.rotationPolicy();
		switch (read.state()) {
			case UNREADABLE, NOT_COLLECTED -> {
				return Verdict.unreadable(PATH, expected(), "the rotation policy of key '" + key.name() + "'",
						read.failure());
			}
			case ABSENT -> {
				return Verdict.fail(PATH, null, expected(), "Key '" + key.name() + "' has no rotation policy");
			}
			default -> {
			}
		}
		RotationPolicy policy = read.value();
		String observed = KeyLifetimes.describe(policy);
		if (!policy.rotatesAutomatically()) {
			return Verdict.fail(PATH, observed, expected(),
					"The rotation policy of key '" + key.name() + "' has no Rotate action");
		}
		Duration interval = KeyLifetimes.rotationInterval(policy, key);
		if (interval == null) {
			return Verdict.unknown(PATH, expected(), "The Rotate trigger of key '" + key.name()
					+ "' cannot be turned into a schedule (" + observed + ")");
		}
		return Verdict.of(interval.compareTo(this.maximum) <= 0, PATH, observed, expected(),
				"Key '" + key.name() + "' rotates every " + KeyLifetimes.days(interval),
				"Key '" + key.name() + "' rotates only every " + KeyLifetimes.days(interval) + ", more than the "
						+ KeyLifetimes.days(this.maximum) + " allowed");
	}

}
