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

class StDiagnosticLogsCheckTests {

	private final StDiagnosticLogsCheck check = new StDiagnosticLogsCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	private String blob() {
		return this.ws.storage.id + "/blobServices/default";
	}

	@Test
	void passesOnBlobServiceLogsByGroupOrCategory() {
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(PASS);
		this.fixture.diagnostics.put(blob(),
				ReadResult.present(List.of(PostureFixture.setting(blob(), "StorageWrite", null))));
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(PASS);
	}

	@Test
	void passesOnAccountLevelLogs() {
		this.fixture.diagnostics.remove(blob());
		this.fixture.auditLogs(this.ws.storage.id);
		assertThat(this.fixture.result(this.check, this.ws.storage.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWhenTheServiceSettingsWereReadAndSendNoLogs() {
		this.fixture.diagnostics.put(blob(), ReadResult.present(List.of()));
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(FAIL);
	}

	@Test
	void unknownWhenOnlyAccountLevelMetricsWereCollected() {
		this.fixture.diagnostics.remove(blob());
		CheckResult result = this.fixture.result(this.check, this.ws.storage.id);
		assertThat(result.status()).isEqualTo(UNKNOWN);
		assertThat(result.detail()).contains("blob service");
	}

}
