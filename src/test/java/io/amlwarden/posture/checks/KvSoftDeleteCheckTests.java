package io.amlwarden.posture.checks;

class KvSoftDeleteCheckTests extends VaultFlagCheckCases {

	KvSoftDeleteCheckTests() {
		super(new KvSoftDeleteCheck(), (vault, value) -> vault.enableSoftDelete = value);
	}

}
