package io.amlwarden.posture.checks;

import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

class KvFirewallDefaultDenyCheckTests {

	private final KvFirewallDefaultDenyCheck check = new KvFirewallDefaultDenyCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesWhenTheFirewallDeniesByDefault() {
		this.ws.vault.publicNetworkAccess = "Enabled";
		this.ws.vault.defaultAction = "deny";
		assertThat(this.fixture.result(this.check, this.ws.vault.id).status()).isEqualTo(PASS);
	}

	@Test
	void passesWhenPublicAccessIsDisabledWhateverTheFirewall() {
		this.ws.vault.defaultAction = "Allow";
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().propertyPath()).isEqualTo("properties.publicNetworkAccess");
	}

	@Test
	void failsWhenPublicAndAllowing() {
		this.ws.vault.publicNetworkAccess = "Enabled";
		this.ws.vault.defaultAction = "Allow";
		assertThat(this.fixture.result(this.check, this.ws.vault.id).status()).isEqualTo(FAIL);
	}

	@Test
	void absentRulesMeanAllow() {
		this.ws.vault.publicNetworkAccess = null;
		this.ws.vault.defaultAction = null;
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.detail()).contains("means Allow");
	}

}
