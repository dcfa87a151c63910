package io.amlwarden.findings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.PageQuery;
import io.amlwarden.api.ProblemType;
import io.amlwarden.findings.Observation.Outcome;
import io.amlwarden.security.CallerIdentity;
import io.amlwarden.support.MutableClock;
import io.amlwarden.support.TestDatabaseConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The findings lifecycle against a real PostgreSQL: each test works in its own
 * subscription, and the slice rolls back after each test.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ TestDatabaseConfiguration.class, FindingsLedger.class, FindingStore.class, SuppressionMatcher.class,
		FindingQueryStore.class, SuppressionService.class, FindingsLedgerTests.Config.class })
class FindingsLedgerTests {

	@Autowired
	FindingsLedger ledger;

	@Autowired
	FindingQueryStore queries;

	@Autowired
	SuppressionService suppressions;

	@Autowired
	MutableClock clock;

	@Autowired
	TestEntityManager entityManager;

	String subscription;

	@BeforeEach
	void setUp() {
		this.subscription = UUID.randomUUID().toString();
		this.clock.set(Instant.parse("2026-06-01T00:00:00Z"));
	}

	@Test
	void failingObservationOpensANewFindingAndTheNextScanMarksItUnchanged() {
		LedgerResult first = record(true, fail("kv-purge-protection", vault("kv1"), "false"));
		assertThat(first.opened()).isEqualTo(1);
		assertThat(first.alerts()).singleElement().satisfies((alert) -> {
			assertThat(alert.change()).isEqualTo(FindingChange.NEW);
			assertThat(alert.severity()).isEqualTo("HIGH");
		});
		FindingView finding = only();
		assertThat(finding.state()).isEqualTo(FindingState.OPEN);
		assertThat(finding.change()).isEqualTo(FindingChange.NEW);
		assertThat(finding.occurrences()).isEqualTo(1);
		assertThat(finding.workspaceIds()).containsExactly(workspace("ws1").toLowerCase());

		this.clock.advance(Duration.ofHours(1));
		LedgerResult second = record(true, fail("kv-purge-protection", vault("kv1"), "false"));
		assertThat(second.opened()).isZero();
		assertThat(second.unchanged()).isEqualTo(1);
		assertThat(second.alerts()).isEmpty();
		finding = only();
		assertThat(finding.change()).isEqualTo(FindingChange.UNCHANGED);
		assertThat(finding.occurrences()).isEqualTo(2);
		assertThat(finding.lastSeenAt()).isAfter(finding.firstSeenAt());
	}

	@Test
	void aChangedObservedValueMarksTheFindingChanged() {
		record(true, fail("st-min-tls-1-2", storage("st1"), "TLS1_0"));
		record(true, fail("st-min-tls-1-2", storage("st1"), "TLS1_1"));
		assertThat(only().change()).isEqualTo(FindingChange.CHANGED);
		assertThat(only().evidence().observed()).isEqualTo("TLS1_1");
	}

	@Test
	void idsDifferingOnlyInCaseAreOneFinding() {
		record(true, fail("kv-purge-protection", vault("kv1"), "false"));
		record(true, fail("KV-Purge-Protection", vault("kv1").toUpperCase(), "false"));
		assertThat(list().totalItems()).isEqualTo(1);
	}

	@Test
	void onlyACompleteScanThatSawItPassResolvesIt() {
		record(true, fail("kv-purge-protection", vault("kv1"), "false"));

		LedgerResult partial = record(false, pass("kv-purge-protection", vault("kv1")));
		assertThat(partial.resolved()).isZero();
		assertThat(only().state()).isEqualTo(FindingState.OPEN);

		LedgerResult unknown = record(true, observation("kv-purge-protection", vault("kv1"), Outcome.UNKNOWN, null));
		assertThat(unknown.resolved()).as("an unreadable vault resolves nothing").isZero();

		LedgerResult complete = record(true, pass("kv-purge-protection", vault("kv1")));
		assertThat(complete.resolved()).isEqualTo(1);
		FindingView resolved = only();
		assertThat(resolved.state()).isEqualTo(FindingState.RESOLVED);
		assertThat(resolved.resolvedAt()).isNotNull();
	}

	@Test
	void aResolvedFindingFailingAgainRegresses() {
		record(true, fail("kv-purge-protection", vault("kv1"), "false"));
		record(true, pass("kv-purge-protection", vault("kv1")));
		LedgerResult again = record(true, fail("kv-purge-protection", vault("kv1"), "false"));
		assertThat(again.regressed()).isEqualTo(1);
		assertThat(again.alerts()).singleElement()
			.satisfies((alert) -> assertThat(alert.change()).isEqualTo(FindingChange.REGRESSED));
		FindingView finding = only();
		assertThat(finding.state()).isEqualTo(FindingState.OPEN);
		assertThat(finding.change()).isEqualTo(FindingChange.REGRESSED);
		assertThat(finding.resolvedAt()).isNull();
		assertThat(this.queries.get(finding.id()).history()).extracting(FindingView.HistoryEntry::to)
			.containsExactly(FindingState.OPEN, FindingState.RESOLVED, FindingState.OPEN);
	}

	@Test
	void aCompleteScanThatNoLongerSeesTheResourceResolvesItButOnlyWithinItsCoverage() {
		record(true, fail("kv-purge-protection", vault("kv1"), "false"),
				fail("st-https-only", storage("st1"), "false"));

		// A scan of another check set leaves kv-purge-protection alone.
		this.ledger.record(UUID.randomUUID(), this.clock.instant(),
				new ScanCoverage(true, Set.of(this.subscription), Set.of(), Set.of(), Set.of("st-https-only")),
				List.of());
		assertThat(list().items()).allSatisfy((f) -> {
			if (f.checkId().equals("kv-purge-protection")) {
				assertThat(f.state()).isEqualTo(FindingState.OPEN);
			}
		});
		// A complete scan of everything that saw neither resource resolves both.
		LedgerResult gone = record(true);
		assertThat(gone.resolved()).isEqualTo(1);
		assertThat(list().items()).extracting(FindingView::state).containsOnly(FindingState.RESOLVED);
	}

	@Test
	void aScanOfAnotherResourceGroupDoesNotResolve() {
		record(true, fail("kv-purge-protection", vault("kv1"), "false"));
		this.ledger.record(UUID.randomUUID(), this.clock.instant(), new ScanCoverage(true, Set.of(this.subscription),
				Set.of(this.subscription + "/other-rg"), Set.of(), Set.of("kv-purge-protection")), List.of());
		assertThat(only().state()).isEqualTo(FindingState.OPEN);
	}

	@Test
	void mediumFindingsDoNotAlert() {
		assertThat(
				record(true, observation("st-min-tls-1-2", storage("st1"), Outcome.FAIL, "TLS1_0", "MEDIUM")).alerts())
			.isEmpty();
	}

	@Test
	void approvedRuleSuppressesMatchingFindingsAndNewOnesAndExpiryReopensThem() {
		record(true, fail("kv-purge-protection", vault("kv-prod-1"), "false"),
				fail("kv-purge-protection", vault("kv-dev-1"), "false"));
		SuppressionView requested = this.suppressions
			.request(
					new SuppressionRequest(SuppressionType.RISK_ACCEPTED, "Dev vaults are recreated daily",
							this.clock.instant().plus(Duration.ofDays(30)), null, "kv-purge-protection",
							"/subscriptions/" + this.subscription + "/resourceGroups/RG", "kv-dev-*"),
					caller("requester"));
		assertThat(requested.status()).isEqualTo(SuppressionStatus.PENDING);
		assertThat(list().items()).extracting(FindingView::state).containsOnly(FindingState.OPEN);

		assertThatThrownBy(() -> this.suppressions.approve(requested.id(), caller("requester"))).isInstanceOfSatisfying(
				ApiException.class, (ex) -> assertThat(ex.problemType()).isEqualTo(ProblemType.FORBIDDEN));

		this.suppressions.approve(requested.id(), caller("admin"));
		assertThat(stateOf("kv-dev-1")).isEqualTo(FindingState.SUPPRESSED);
		assertThat(stateOf("kv-prod-1")).isEqualTo(FindingState.OPEN);

		// Suppressed findings keep being evaluated, and new matching ones start
		// suppressed.
		LedgerResult next = record(true, fail("kv-purge-protection", vault("kv-prod-1"), "false"),
				fail("kv-purge-protection", vault("kv-dev-1"), "false"),
				fail("kv-purge-protection", vault("kv-dev-2"), "false"));
		assertThat(next.suppressed()).isEqualTo(2);
		assertThat(next.alerts()).isEmpty();
		assertThat(stateOf("kv-dev-2")).isEqualTo(FindingState.SUPPRESSED);

		this.clock.advance(Duration.ofDays(31));
		record(true, fail("kv-purge-protection", vault("kv-prod-1"), "false"),
				fail("kv-purge-protection", vault("kv-dev-1"), "false"),
				fail("kv-purge-protection", vault("kv-dev-2"), "false"));
		assertThat(list().items()).extracting(FindingView::state).containsOnly(FindingState.OPEN);
		// Expiry is a bulk SQL update; forget the entity this test transaction has
		// cached.
		this.entityManager.clear();
		assertThat(this.suppressions.get(requested.id()).status()).isEqualTo(SuppressionStatus.EXPIRED);
	}

	@Test
	void revokingReopensAndSuppressionsAlwaysExpireWithinTheMaximum() {
		record(true, fail("kv-purge-protection", vault("kv1"), "false"));
		UUID findingId = only().id();
		assertThatThrownBy(() -> this.suppressions.request(
				new SuppressionRequest(SuppressionType.MITIGATED, "Compensated by a deny policy",
						this.clock.instant().plus(Duration.ofDays(181)), findingId, null, null, null),
				caller("requester")))
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("180 days");
		assertThatThrownBy(
				() -> this.suppressions.request(
						new SuppressionRequest(SuppressionType.MITIGATED, "Compensated by a deny policy",
								this.clock.instant().minusSeconds(1), findingId, null, null, null),
						caller("requester")))
			.isInstanceOf(ApiException.class);

		SuppressionView suppression = this.suppressions.request(
				new SuppressionRequest(SuppressionType.MITIGATED, "Compensated by a deny policy",
						this.clock.instant().plus(Duration.ofDays(10)), findingId, null, null, null),
				caller("requester"));
		this.suppressions.approve(suppression.id(), caller("admin"));
		assertThat(only().state()).isEqualTo(FindingState.SUPPRESSED);
		this.suppressions.revoke(suppression.id(), caller("admin"));
		assertThat(only().state()).isEqualTo(FindingState.OPEN);
		assertThatThrownBy(() -> this.suppressions.approve(suppression.id(), caller("other")))
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("PENDING");
	}

	@Test
	void aRuleNeedsACheckAndAScope() {
		assertThatThrownBy(() -> this.suppressions.request(
				new SuppressionRequest(SuppressionType.FALSE_POSITIVE, "Not a real problem here",
						this.clock.instant().plus(Duration.ofDays(1)), null, "kv-purge-protection", null, null),
				caller("requester")))
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("scopePrefix");
		assertThatThrownBy(() -> this.suppressions.request(
				new SuppressionRequest(SuppressionType.FALSE_POSITIVE, "Not a real problem here",
						this.clock.instant().plus(Duration.ofDays(1)), UUID.randomUUID(), null, null, null),
				caller("requester")))
			.isInstanceOfSatisfying(ApiException.class,
					(ex) -> assertThat(ex.problemType()).isEqualTo(ProblemType.NOT_FOUND));
	}

	private FindingState stateOf(String vaultName) {
		return list().items()
			.stream()
			.filter((f) -> f.resourceName().equals(vaultName))
			.findFirst()
			.orElseThrow()
			.state();
	}

	private LedgerResult record(boolean complete, Observation... observations) {
		return this.ledger.record(
				UUID.randomUUID(), this.clock.instant(), new ScanCoverage(complete, Set.of(this.subscription), Set.of(),
						Set.of(), Set.of("kv-purge-protection", "st-https-only", "st-min-tls-1-2")),
				List.of(observations));
	}

	private FindingView only() {
		var page = list();
		assertThat(page.items()).hasSize(1);
		return page.items().get(0);
	}

	private io.amlwarden.api.PageResponse<FindingView> list() {
		return this.queries.list(new FindingFilter(null, null, null, null, this.subscription, null, null, null),
				FindingSort.SEVERITY, new PageQuery(0, 200));
	}

	private Observation fail(String check, String resource, String observed) {
		return observation(check, resource, Outcome.FAIL, observed);
	}

	private Observation pass(String check, String resource) {
		return observation(check, resource, Outcome.PASS, "true");
	}

	private Observation observation(String check, String resource, Outcome outcome, String observed) {
		return observation(check, resource, outcome, observed, "HIGH");
	}

	private Observation observation(String check, String resource, Outcome outcome, String observed, String severity) {
		String name = resource.substring(resource.lastIndexOf('/') + 1);
		return new Observation(check, "Title of " + check, severity, "ENCRYPTION", resource, "type", name,
				this.subscription, List.of(workspace("ws1")), null, outcome, "properties.x", observed, "true", "detail",
				"az fix");
	}

	private String vault(String name) {
		return "/subscriptions/" + this.subscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/" + name;
	}

	private String storage(String name) {
		return "/subscriptions/" + this.subscription + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/"
				+ name;
	}

	private String workspace(String name) {
		return "/subscriptions/" + this.subscription
				+ "/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/" + name;
	}

	private static CallerIdentity caller(String id) {
		return new CallerIdentity(id, "app", id, List.of("ADMIN"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(FindingsProperties.class)
	static class Config {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
		}

	}

}
