package io.amlwarden.posture.checks;

class KvRbacModelCheckTests extends VaultFlagCheckCases {

	KvRbacModelCheckTests() {
		super(new KvRbacModelCheck(), (vault, value) -> vault.enableRbacAuthorization = value);
	}

}
