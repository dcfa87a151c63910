package io.amlwarden.posture;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.posture.PostureFixture.WorkspaceSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PostureEvaluatorTests {

	private final PostureEvaluator evaluator = Catalogue.evaluator();

	@Test
	void wellConfiguredWorkspacePassesEveryRegulatedCheck() {
		PostureFixture fixture = PostureFixture.create();
		WorkspaceSpec ws = fixture.workspace("good");

		Evaluation evaluation = this.evaluator.evaluate(fixture.build(), Profile.REGULATED);

		List<CheckResult> notPassing = evaluation.results()
			.stream()
			.filter((r) -> r.status() == CheckStatus.FAIL || r.status() == CheckStatus.UNKNOWN)
			.toList();
		assertThat(notPassing).isEmpty();
		WorkspacePosture posture = evaluation.workspaces().get(ArmIds.key(ws.id));
		assertThat(posture.score()).isEqualTo(100);
		assertThat(posture.failed()).isZero();
		assertThat(posture.unknown()).isZero();
		Map<String, Long> perCheck = evaluation.results()
			.stream()
			.collect(Collectors.groupingBy(CheckResult::checkId, Collectors.counting()));
		assertThat(perCheck.keySet())
			.containsExactlyInAnyOrderElementsOf(this.evaluator.catalogue().stream().map(CheckMetadata::id).toList());
	}

	@Test
	void baselineLeavesOutCustomerManagedKeyAdoptionButJudgesTheKeysInUse() {
		PostureFixture fixture = PostureFixture.create();
		fixture.workspace("a");
		TenantSnapshot snapshot = fixture.build();

		List<String> baseline = this.evaluator.evaluate(snapshot, Profile.BASELINE)
			.results()
			.stream()
			.map(CheckResult::checkId)
			.distinct()
			.toList();

		assertThat(baseline).doesNotContain("aml-ws-cmk", "st-cmk", "acr-cmk")
			.contains("kv-key-expiry-set", "kv-key-max-validity", "kv-key-rotation-policy", "kv-key-rotation-overdue",
					"kv-key-strength", "kv-key-expires-soon", "aml-ws-cmk-key-healthy", "st-cmk-key-autoupdate",
					"kv-purge-protection", "aml-ws-public-network-disabled");
		assertThat(this.evaluator.evaluate(snapshot, Profile.BASELINE).profile()).isEqualTo(Profile.BASELINE);
	}

	@Test
	void dependencyResultsAreReportedUnderEveryWorkspaceUsingTheResource() {
		PostureFixture fixture = PostureFixture.create();
		WorkspaceSpec first = fixture.workspace("one");
		WorkspaceSpec second = fixture.workspace("two");
		second.keyVaultId = first.vault.id.toUpperCase();
		first.vault.enablePurgeProtection = false;

		Evaluation evaluation = this.evaluator.evaluate(fixture.build(), Profile.BASELINE);

		CheckResult purge = evaluation.results()
			.stream()
			.filter((r) -> r.checkId().equals("kv-purge-protection") && ArmIds.same(r.resourceId(), first.vault.id))
			.findFirst()
			.orElseThrow();
		assertThat(purge.status()).isEqualTo(CheckStatus.FAIL);
		assertThat(purge.workspaceIds()).containsExactly(first.id, second.id);
		assertThat(evaluation.workspaces().get(ArmIds.key(second.id)).failedBySeverity().get(Severity.HIGH))
			.isEqualTo(1);
	}

	@Test
	void scoreIsSeverityWeightedOverJudgedResults() {
		PostureFixture fixture = PostureFixture.create();
		WorkspaceSpec ws = fixture.workspace("scored");
		ws.publicNetworkAccess = "Enabled";
		ws.storage.defaultToOAuthAuthentication = false;

		Evaluation evaluation = this.evaluator.evaluate(fixture.build(), Profile.BASELINE);

		WorkspacePosture posture = evaluation.workspaces().get(ArmIds.key(ws.id));
		Map<String, Severity> severities = this.evaluator.catalogue()
			.stream()
			.collect(Collectors.toMap(CheckMetadata::id, CheckMetadata::severity));
		long passed = 0;
		long failed = 0;
		for (CheckResult result : evaluation.results()) {
			if (result.workspaceIds().contains(ws.id)) {
				int weight = severities.get(result.checkId()).weight();
				passed += (result.status() == CheckStatus.PASS) ? weight : 0;
				failed += (result.status() == CheckStatus.FAIL) ? weight : 0;
			}
		}
		assertThat(failed).isEqualTo(Severity.HIGH.weight() + Severity.LOW.weight());
		assertThat(posture.score()).isEqualTo((int) (100 * passed / (passed + failed))).isBetween(1, 99);
		assertThat(posture.failed()).isEqualTo(2);
		assertThat(posture.failedBySeverity()).containsEntry(Severity.HIGH, 1)
			.containsEntry(Severity.LOW, 1)
			.containsEntry(Severity.CRITICAL, 0);
	}

	@Test
	void unreadableDependencyIsUnknownAndLeftOutOfTheScore() {
		PostureFixture fixture = PostureFixture.create();
		WorkspaceSpec ws = fixture.workspace("denied");
		fixture.deny(ws.vault.id, ReadFailure.Reason.FORBIDDEN);

		Evaluation evaluation = this.evaluator.evaluate(fixture.build(), Profile.BASELINE);

		List<CheckResult> vaultResults = evaluation.results()
			.stream()
			.filter((r) -> ArmIds.same(r.resourceId(), ws.vault.id))
			.toList();
		assertThat(vaultResults).isNotEmpty().allSatisfy((r) -> {
			assertThat(r.status()).isEqualTo(CheckStatus.UNKNOWN);
			assertThat(r.detail()).contains("access was denied");
			assertThat(r.workspaceIds()).containsExactly(ws.id);
		});
		WorkspacePosture posture = evaluation.workspaces().get(ArmIds.key(ws.id));
		assertThat(posture.unknown()).isGreaterThanOrEqualTo(vaultResults.size());
		assertThat(posture.failed()).isZero();
		assertThat(posture.score()).isEqualTo(100);
	}

	@Test
	void workspaceWithNothingJudgedScoresZeroWhenUnknownAndHundredWhenNothingApplies() {
		PostureFixture fixture = PostureFixture.create();
		WorkspaceSpec denied = fixture.workspace("denied");
		fixture.deny(denied.vault.id, ReadFailure.Reason.FORBIDDEN);
		PostureCheck purge = Catalogue.checks()
			.stream()
			.filter((c) -> c.metadata().id().equals("kv-purge-protection"))
			.findFirst()
			.orElseThrow();

		WorkspacePosture unknown = new PostureEvaluator(List.of(purge), PostureProperties.defaults())
			.evaluate(fixture.build(), Profile.BASELINE)
			.workspaces()
			.get(ArmIds.key(denied.id));
		WorkspacePosture nothing = new PostureEvaluator(List.of(), PostureProperties.defaults())
			.evaluate(fixture.build(), Profile.BASELINE)
			.workspaces()
			.get(ArmIds.key(denied.id));

		assertThat(unknown.unknown()).isEqualTo(1);
		assertThat(unknown.score()).isZero();
		assertThat(nothing.score()).isEqualTo(100);
		assertThat(nothing.passed() + nothing.failed() + nothing.unknown() + nothing.notApplicable()).isZero();
	}

	@Test
	void perSubscriptionProfilesReportRegulatedChecksOnlyUnderRegulatedWorkspaces() {
		String other = "00000000-0000-4000-8000-000000000002";
		PostureFixture fixture = PostureFixture.create();
		WorkspaceSpec regulated = fixture.workspace("reg");
		WorkspaceSpec baseline = fixture.workspace(other, "rg-b", "base");
		baseline.keyVaultId = regulated.vault.id;
		regulated.key.expires = null;
		PostureProperties properties = new PostureProperties(Profile.BASELINE,
				Map.of(PostureFixture.SUBSCRIPTION.toUpperCase(), Profile.REGULATED), PostureProperties.Keys.defaults(),
				PostureProperties.Scans.defaults());

		Evaluation evaluation = Catalogue.evaluator(properties).evaluate(fixture.build());

		assertThat(evaluation.profile()).isEqualTo(Profile.BASELINE);
		assertThat(evaluation.subscriptionProfiles()).containsEntry(PostureFixture.SUBSCRIPTION, Profile.REGULATED)
			.containsEntry(other, Profile.BASELINE);
		CheckResult expiry = evaluation.results()
			.stream()
			.filter((r) -> r.checkId().equals("kv-key-expiry-set"))
			.filter((r) -> ArmIds.same(r.resourceId(), regulated.key.id()))
			.findFirst()
			.orElseThrow();
		assertThat(expiry.status()).isEqualTo(CheckStatus.FAIL);
		assertThat(expiry.workspaceIds()).containsExactly(regulated.id);
		assertThat(evaluation.results())
			.noneMatch((r) -> r.checkId().equals("aml-ws-cmk") && ArmIds.same(r.resourceId(), baseline.id));
		assertThat(evaluation.results())
			.anyMatch((r) -> r.checkId().equals("aml-ws-cmk") && ArmIds.same(r.resourceId(), regulated.id));
	}

	@Test
	void evaluationIsRepeatable() {
		PostureFixture fixture = PostureFixture.create();
		fixture.workspace("a").storage.minimumTlsVersion = "TLS1_0";
		fixture.workspace("b").vault.enableSoftDelete = null;
		TenantSnapshot snapshot = fixture.build();

		assertThat(this.evaluator.evaluate(snapshot, Profile.REGULATED))
			.isEqualTo(this.evaluator.evaluate(snapshot, Profile.REGULATED));
	}

	@Test
	void duplicateCheckIdsAreRejected() {
		List<PostureCheck> checks = Catalogue.checks();
		PostureCheck first = checks.get(0);
		assertThatIllegalStateException()
			.isThrownBy(() -> new PostureEvaluator(List.of(first, first), PostureProperties.defaults()))
			.withMessageContaining(first.metadata().id());
	}

	@Test
	void metadataLookupIgnoresCase() {
		assertThat(this.evaluator.metadata("KV-Purge-Protection")).isPresent();
		assertThat(this.evaluator.metadata("no-such-check")).isEmpty();
		assertThat(this.evaluator.profileFor("anything")).isEqualTo(Profile.BASELINE);
	}

}
