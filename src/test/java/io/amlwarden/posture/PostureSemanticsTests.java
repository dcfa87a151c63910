package io.amlwarden.posture;

import java.util.List;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.ReadResult;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The semantics that other posture tools get wrong, each shown end to end through the
 * evaluator.
 */
class PostureSemanticsTests {

	private final PostureEvaluator evaluator = Catalogue.evaluator();

	private final PostureFixture fixture = PostureFixture.create();

	private final WorkspaceSpec ws = this.fixture.workspace("ws");

	@Test
	void absentPropertyIsJudgedByTheServicesDocumentedDefault() {
		this.ws.publicNetworkAccess = null;
		this.ws.vault.enableSoftDelete = null;
		this.ws.allowPublicAccessWhenBehindVnet = null;
		this.ws.storage.supportsHttpsTrafficOnly = null;

		Evaluation evaluation = evaluate();

		assertThat(status(evaluation, "aml-ws-public-network-disabled", this.ws.id)).isEqualTo(CheckStatus.FAIL);
		assertThat(status(evaluation, "kv-soft-delete", this.ws.vault.id)).isEqualTo(CheckStatus.FAIL);
		assertThat(result(evaluation, "aml-ws-no-public-behind-vnet", this.ws.id).evidence().expected())
			.isEqualTo("false (absent means false)");
		assertThat(status(evaluation, "st-https-only", this.ws.storage.id)).isEqualTo(CheckStatus.PASS);
	}

	@Test
	void nullNeverPassesByAccident() {
		this.ws.storage.allowSharedKeyAccess = null;
		this.ws.storage.allowBlobPublicAccess = null;
		this.ws.computes.get(0).latestOsImage = null;
		this.ws.key.keySize = null;

		Evaluation evaluation = evaluate();

		assertThat(status(evaluation, "st-shared-key-disabled", this.ws.storage.id)).isEqualTo(CheckStatus.FAIL);
		assertThat(status(evaluation, "st-blob-anon-disabled", this.ws.storage.id)).isEqualTo(CheckStatus.FAIL);
		assertThat(status(evaluation, "aml-ci-latest-os", this.ws.computes.get(0).id)).isEqualTo(CheckStatus.UNKNOWN);
		assertThat(status(evaluation, "kv-key-strength", this.ws.key.id())).isEqualTo(CheckStatus.UNKNOWN);
	}

	@Test
	void tls13PassesTls12OrHigher() {
		this.ws.storage.minimumTlsVersion = "TLS1_3";
		assertThat(status(evaluate(), "st-min-tls-1-2", this.ws.storage.id)).isEqualTo(CheckStatus.PASS);
	}

	@Test
	void diagnosticSettingsPassOnAnExplicitCategoryOrACategoryGroup() {
		this.fixture.diagnostics.put(this.ws.vault.id,
				ReadResult.present(List.of(PostureFixture.setting(this.ws.vault.id, "AuditEvent", null))));
		this.fixture.diagnostics.put(this.ws.id,
				ReadResult.present(List.of(PostureFixture.setting(this.ws.id, null, "allLogs"))));

		Evaluation evaluation = evaluate();

		assertThat(status(evaluation, "kv-audit-logs", this.ws.vault.id)).isEqualTo(CheckStatus.PASS);
		assertThat(status(evaluation, "aml-ws-diagnostic-logs", this.ws.id)).isEqualTo(CheckStatus.PASS);
		this.fixture.auditLogs(this.ws.vault.id);
		assertThat(status(evaluate(), "kv-audit-logs", this.ws.vault.id)).isEqualTo(CheckStatus.PASS);
	}

	@Test
	void hubInheritedSettingsAreJudgedOnTheHubAndNotApplicableOnTheProject() {
		WorkspaceSpec project = this.fixture.project(this.ws, "project");
		this.ws.publicNetworkAccess = "Enabled";

		Evaluation evaluation = evaluate();

		for (String inherited : List.of("aml-ws-cmk", "aml-ws-cmk-key-healthy", "aml-ws-public-network-disabled",
				"aml-ws-private-link", "aml-ws-managed-vnet-approved-outbound", "aml-ws-user-assigned-identity",
				"aml-ws-hbi", "aml-ws-no-public-behind-vnet", "aml-ws-service-side-cmk-blocks-rotation")) {
			assertThat(status(evaluation, inherited, project.id)).as(inherited).isEqualTo(CheckStatus.NOT_APPLICABLE);
			assertThat(result(evaluation, inherited, this.ws.id).workspaceIds()).as(inherited).contains(project.id);
		}
		assertThat(status(evaluation, "aml-ws-public-network-disabled", this.ws.id)).isEqualTo(CheckStatus.FAIL);
		assertThat(evaluation.workspaces().get(ArmIds.key(project.id)).failed()).isEqualTo(1);
		assertThat(result(evaluation, "kv-purge-protection", this.ws.vault.id).workspaceIds())
			.containsExactly(this.ws.id, project.id);
	}

	@Test
	void idsAndEnumValuesCompareIgnoringCase() {
		this.ws.keyVaultId = this.ws.vault.id.toUpperCase();
		this.ws.encryption.keyVaultArmId = this.ws.vault.id.toLowerCase().replace("resourcegroups", "resourceGroups");
		this.ws.publicNetworkAccess = "DISABLED";
		this.ws.vault.defaultAction = "deny";
		this.ws.storage.keySource = "microsoft.keyvault";
		this.ws.registry.encryptionStatus = "Enabled";
		this.ws.endpoints.get(0).authMode = "aadtoken";

		Evaluation evaluation = this.evaluator.evaluate(this.fixture.build(), Profile.REGULATED);

		assertThat(evaluation.results())
			.filteredOn((r) -> r.status() == CheckStatus.FAIL || r.status() == CheckStatus.UNKNOWN)
			.isEmpty();
		assertThat(evaluation.results().stream().filter((r) -> ArmIds.same(r.resourceId(), this.ws.vault.id)))
			.allSatisfy((r) -> assertThat(r.workspaceIds()).containsExactly(this.ws.id));
	}

	@Test
	void deniedReadIsUnknownNeverPassOrFail() {
		this.fixture.deny(this.ws.storage.id, ReadFailure.Reason.FORBIDDEN);

		Evaluation evaluation = evaluate();

		List<CheckResult> storage = evaluation.results()
			.stream()
			.filter((r) -> ArmIds.same(r.resourceId(), this.ws.storage.id))
			.toList();
		assertThat(storage).hasSize(16).allSatisfy((r) -> {
			assertThat(r.status()).isEqualTo(CheckStatus.UNKNOWN);
			assertThat(r.evidence().observed()).isEqualTo("unreadable");
		});
	}

	private Evaluation evaluate() {
		return this.evaluator.evaluate(this.fixture.build(), Profile.REGULATED);
	}

	private static CheckStatus status(Evaluation evaluation, String checkId, String resourceId) {
		return result(evaluation, checkId, resourceId).status();
	}

	private static CheckResult result(Evaluation evaluation, String checkId, String resourceId) {
		return evaluation.results()
			.stream()
			.filter((r) -> r.checkId().equals(checkId) && ArmIds.same(r.resourceId(), resourceId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + checkId + " result for " + resourceId));
	}

}
