package io.amlwarden.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.findings.FindingsLedger;
import io.amlwarden.findings.LedgerResult;
import io.amlwarden.findings.Observation;
import io.amlwarden.findings.ScanCoverage;
import io.amlwarden.support.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Findings persistence benchmark (not part of {@code ./mvnw verify}: the class name does
 * not match Surefire's test patterns). Records one scan of {@code -Dbenchmark.findings}
 * failing observations (default 500,000: 10,000 workspaces × 50 failing results) into an
 * empty ledger, then the same scan again (every finding UNCHANGED), on the shared test
 * PostgreSQL, and prints one JSON line per pass. Run:
 * {@code ./mvnw -q test -Dtest=FindingsPersistenceBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true}
 */
@WardenIntegrationTest
@TestPropertySource(properties = "warden.scheduling.enabled=false")
class FindingsPersistenceBenchmark {

	@Autowired
	FindingsLedger ledger;

	@Test
	void persist() {
		int total = Integer.getInteger("benchmark.findings", 500_000);
		int perWorkspace = 50;
		String subscription = UUID.randomUUID().toString();
		List<Observation> observations = new ArrayList<>(total);
		for (int i = 0; i < total; i++) {
			int workspace = i / perWorkspace;
			String rg = "/subscriptions/" + subscription + "/resourceGroups/rg-" + (workspace % 50);
			String workspaceId = rg + "/providers/Microsoft.MachineLearningServices/workspaces/ws-" + workspace;
			String resourceId = rg + "/providers/Microsoft.KeyVault/vaults/kv-" + workspace;
			observations.add(new Observation("check-" + (i % perWorkspace), "Benchmark check " + (i % perWorkspace),
					(i % 5 == 0) ? "HIGH" : "MEDIUM", "ENCRYPTION", resourceId, "Microsoft.KeyVault/vaults",
					"kv-" + workspace, subscription, List.of(workspaceId), null, Observation.Outcome.FAIL,
					"properties.enablePurgeProtection", "false", "true", "Purge protection is off",
					"az keyvault update --enable-purge-protection true"));
		}
		Set<String> checks = new java.util.HashSet<>();
		for (int c = 0; c < perWorkspace; c++) {
			checks.add("check-" + c);
		}
		ScanCoverage coverage = new ScanCoverage(true, Set.of(subscription), Set.of(), Set.of(), checks);
		for (String pass : List.of("first scan (all NEW)", "second scan (all UNCHANGED)")) {
			System.gc();
			long start = System.nanoTime();
			LedgerResult result = this.ledger.record(UUID.randomUUID(), Instant.now(), coverage, observations);
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf(Locale.ROOT,
					"{\"benchmark\":\"findings-persistence\",\"pass\":\"%s\",\"findings\":%d,\"opened\":%d,"
							+ "\"unchanged\":%d,\"seconds\":%.1f,\"findingsPerSecond\":%.0f,\"heapPeakMb\":%d}%n",
					pass, total, result.opened(), result.unchanged(), seconds, total / seconds, HeapPeak.megabytes());
		}
	}

}
