package io.amlwarden.posture.checks;

import java.time.Duration;
import java.time.Instant;

import io.amlwarden.inventory.RotationPolicy;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.PostureProperties;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;

import org.springframework.stereotype.Component;

@Component
class KvKeyRotationOverdueCheck extends KeyCheck {

	private static final String PATH = "attributes.created (current version)";

	private final Duration period;

	private final Duration grace;

	KvKeyRotationOverdueCheck(PostureProperties properties) {
		super(Meta.id("kv-key-rotation-overdue")
			.title("Customer-managed keys have been rotated within their rotation period")
			.severity(Severity.HIGH)
			.category(Category.ENCRYPTION)
			.mcsb("DP-6")
			.rationale("A rotation policy only helps if rotations happen. The current version's creation time is"
					+ " the last rotation; it is overdue when older than the policy's automatic interval (plus"
					+ " warden.posture.keys.rotation-grace, default one day, since Key Vault rotates"
					+ " asynchronously), or, without automatic rotation, older than warden.posture.keys"
					+ ".rotation-period (default 365 days). Judged at the snapshot's collection time.")
			.cli("az keyvault key rotate --vault-name <vault> --name <key>")
			.bicep("Microsoft.KeyVault/vaults/keys: properties.rotationPolicy.lifetimeActions: [{ action: { type:"
					+ " 'rotate' }, trigger: { timeAfterCreate: 'P90D' } }]"));
		this.period = properties.keys().rotationPeriod();
		this.grace = properties.keys().rotationGrace();
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return "rotated within its policy's interval, or within " + KeyLifetimes.days(this.period);
	}

	@Override
	Verdict judge(VaultKey key, WorkspaceGraph graph) {
		Instant created = key.created();
		if (created == null) {
			return Verdict.unknown(PATH, expected(),
					"The creation time of the current version of key '" + key.name() + "' is not known");
		}
		Instant now = graph.now();
		Duration age = Duration.between(created, now);
		RotationPolicy policy = key.rotationPolicy().orElse(null);
		Duration automatic = (policy != null && policy.rotatesAutomatically())
				? KeyLifetimes.rotationInterval(policy, key) : null;
		String observed = "current version created " + created + " (" + KeyLifetimes.days(age) + " ago)";
		if (automatic != null) {
			Instant due = created.plus(automatic);
			return Verdict.of(!now.isAfter(due.plus(this.grace)), PATH, observed, expected(),
					"Key '" + key.name() + "' is next rotated automatically on " + due, "Automatic rotation of key '"
							+ key.name() + "' was due on " + due + " but has not happened: rotation is failing");
		}
		String policyNote = key.rotationPolicy().isKnown() ? "" : " (its rotation policy could not be read)";
		return Verdict.of(age.compareTo(this.period) <= 0, PATH, observed, expected(),
				"Key '" + key.name() + "' was last rotated " + KeyLifetimes.days(age) + " ago" + policyNote,
				"Key '" + key.name() + "' was last rotated " + KeyLifetimes.days(age) + " ago, more than "
						+ KeyLifetimes.days(this.period) + policyNote);
	}

}
