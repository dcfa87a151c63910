package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.ReadResult;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import io.amlwarden.posture.PostureFixture;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class KvAuditLogsCheckTests {

	private final KvAuditLogsCheck check = new KvAuditLogsCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesOnTheAuditCategoryGroup() {
		assertThat(this.fixture.result(this.check, this.ws.vault.id).status()).isEqualTo(PASS);
	}

	@Test
	void passesOnTheExplicitAuditEventCategoryInAnyCase() {
		this.fixture.diagnostics.put(this.ws.vault.id,
				ReadResult.present(List.of(PostureFixture.setting(this.ws.vault.id, "auditevent", null))));
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().observed()).contains("category auditevent");
	}

	@Test
	void passesOnAllLogs() {
		this.fixture.diagnostics.put(this.ws.vault.id,
				ReadResult.present(List.of(PostureFixture.setting(this.ws.vault.id, null, "allLogs"))));
		assertThat(this.fixture.result(this.check, this.ws.vault.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWhenOnlyOtherCategoriesAreSent() {
		this.fixture.diagnostics.put(this.ws.vault.id, ReadResult
			.present(List.of(PostureFixture.setting(this.ws.vault.id, "AzurePolicyEvaluationDetails", null))));
		assertThat(this.fixture.result(this.check, this.ws.vault.id).status()).isEqualTo(FAIL);
	}

	@Test
	void uncollectedSettingsAreUnknown() {
		this.fixture.diagnostics.remove(this.ws.vault.id);
		CheckResult result = this.fixture.result(this.check, this.ws.vault.id);
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.detail()).contains("not collected");
	}

}
