package io.amlwarden.posture.checks;

import java.util.List;

import io.amlwarden.inventory.DiagnosticSetting;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import io.amlwarden.posture.PostureFixture;
import org.junit.jupiter.api.Test;

import static io.amlwarden.posture.CheckStatus.FAIL;
import static io.amlwarden.posture.CheckStatus.PASS;
import static io.amlwarden.posture.CheckStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class AmlWsDiagnosticLogsCheckTests {

	private final AmlWsDiagnosticLogsCheck check = new AmlWsDiagnosticLogsCheck();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void passesOnCategoryGroupAuditOrAllLogsInAnyCase() {
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
		settings(PostureFixture.setting(this.ws.id, null, "ALLLOGS"));
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(PASS);
		assertThat(result.evidence().observed()).contains("categoryGroup ALLLOGS");
	}

	@Test
	void passesOnAnExplicitCategory() {
		settings(PostureFixture.setting(this.ws.id, "AmlComputeClusterEvent", null));
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(PASS);
	}

	@Test
	void failsWithoutSettings() {
		this.fixture.diagnostics.put(this.ws.id, ReadResult.present(List.of()));
		CheckResult result = this.fixture.result(this.check, this.ws.id);
		assertThat(result.status()).isEqualTo(FAIL);
		assertThat(result.evidence().observed()).isEqualTo("no diagnostic settings");
	}

	@Test
	void failsWhenTheLogIsDisabledOrHasNoDestination() {
		settings(new DiagnosticSetting("s", this.ws.id, "off", "law", null, null,
				List.of(new DiagnosticSetting.Log(null, "audit", false)), List.of()));
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(FAIL);
		settings(new DiagnosticSetting("s", this.ws.id, "nowhere", null, null, null,
				List.of(new DiagnosticSetting.Log(null, "audit", true)), List.of()));
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(FAIL);
	}

	@Test
	void unreadableOrUncollectedSettingsAreUnknown() {
		this.fixture.diagnostics.put(this.ws.id, ReadResult
			.unreadable(new ReadFailure(this.ws.id, "diagnosticSettings", ReadFailure.Reason.FORBIDDEN, "403")));
		CheckResult denied = this.fixture.result(this.check, this.ws.id);
		assertThat(denied.status()).isEqualTo(UNKNOWN);
		assertThat(denied.detail()).contains("access was denied");
		this.fixture.diagnostics.remove(this.ws.id);
		assertThat(this.fixture.result(this.check, this.ws.id).status()).isEqualTo(UNKNOWN);
	}

	@Test
	void projectIsJudgedOnItsOwnSettings() {
		WorkspaceSpec project = this.fixture.project(this.ws, "proj");
		this.fixture.diagnostics.put(project.id, ReadResult.present(List.of()));
		assertThat(this.fixture.result(this.check, project.id).status()).isEqualTo(FAIL);
	}

	private void settings(DiagnosticSetting setting) {
		this.fixture.diagnostics.put(this.ws.id, ReadResult.present(List.of(setting)));
	}

}
