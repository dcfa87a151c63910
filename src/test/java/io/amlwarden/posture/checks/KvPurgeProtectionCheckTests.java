package io.amlwarden.posture.checks;

class KvPurgeProtectionCheckTests extends VaultFlagCheckCases {

	KvPurgeProtectionCheckTests() {
		super(new KvPurgeProtectionCheck(), (vault, value) -> vault.enablePurgeProtection = value);
	}

}
