package io.amlwarden.findings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.findings.FindingStore.ExistingFinding;
import io.amlwarden.findings.FindingStore.StateChange;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the observations of one scan into finding state changes. Rules:
 * <ul>
 * <li>a failing observation opens a finding (NEW), keeps it open (UNCHANGED or CHANGED
 * when the observed value moved), or reopens a resolved one (REGRESSED); an active
 * suppression that matches holds it SUPPRESSED instead of OPEN, and suppressed findings
 * keep being evaluated;</li>
 * <li>only a <em>complete</em> scan resolves: a finding is resolved when such a scan,
 * covering it and evaluating its check, saw it pass or no longer saw its resource at all;
 * UNKNOWN (unreadable) and NOT_APPLICABLE results never resolve anything;</li>
 * <li>every state change appends a history event.</li>
 * </ul>
 * Recording is serialized across replicas by a database lock, so overlapping scans cannot
 * create the same finding twice.
 */
@Service
public class FindingsLedger {

	private static final Set<String> ALERTING = Set.of("CRITICAL", "HIGH");

	private final FindingStore rows;

	private final SuppressionMatcher suppressions;

	FindingsLedger(FindingStore rows, SuppressionMatcher suppressions) {
		this.rows = rows;
		this.suppressions = suppressions;
	}

	/**
	 * Records a scan's observations.
	 * @param scanId the scan
	 * @param at when the scan evaluated (used for first/last seen and state change times)
	 * @param coverage what the scan covered and whether it was complete
	 * @param observations every result of the scan, passing and failing alike
	 * @return what changed
	 */
	@Transactional
	public LedgerResult record(UUID scanId, Instant at, ScanCoverage coverage, List<Observation> observations) {
		this.rows.lockLedger();
		this.suppressions.expire(at);
		SuppressionMatcher.Active active = this.suppressions.active(at);

		Map<String, Observation> failing = new LinkedHashMap<>();
		Map<String, Observation> passing = new HashMap<>();
		Set<String> seen = new HashSet<>();
		for (Observation observation : observations) {
			String fingerprint = observation.fingerprint();
			seen.add(fingerprint);
			switch (observation.outcome()) {
				case FAIL -> failing.put(fingerprint, observation);
				case PASS -> passing.put(fingerprint, observation);
				default -> {
					// unreadable or not applicable: says nothing about the finding
				}
			}
		}
		// A resource reported both ways in one scan (e.g. under two workspaces) fails.
		passing.keySet().removeAll(failing.keySet());

		Set<String> lookup = new HashSet<>(failing.keySet());
		if (coverage.complete()) {
			lookup.addAll(passing.keySet());
		}
		Map<String, ExistingFinding> existing = this.rows.findByFingerprints(lookup);

		Changes changes = new Changes(scanId, at);
		for (Map.Entry<String, Observation> entry : failing.entrySet()) {
			Observation observation = entry.getValue();
			ExistingFinding row = existing.get(entry.getKey());
			UUID suppression = active.match(observation, (row != null) ? row.id() : null);
			if (row == null) {
				changes.open(observation, entry.getKey(), suppression);
			}
			else {
				changes.fail(row, observation, suppression);
			}
		}
		if (coverage.complete()) {
			for (String fingerprint : passing.keySet()) {
				ExistingFinding row = existing.get(fingerprint);
				if (row != null && row.state() != FindingState.RESOLVED) {
					changes.resolve(row, "passed in a complete scan");
				}
			}
			for (ExistingFinding row : this.rows.findUnresolvedIn(coverage)) {
				if (!seen.contains(row.fingerprint())) {
					changes.resolve(row, "resource no longer present in a complete scan");
				}
			}
		}
		this.rows.write(at, scanId, changes.inserts, changes.unchangedIds, changes.updates, changes.events);
		// The triggers appended a delta per write statement; fold them in the same
		// transaction, so readers never sum thousands of rows per key.
		this.rows.compactCounts();
		return new LedgerResult(changes.opened, changes.regressed, changes.unchanged, changes.resolved,
				changes.suppressed, changes.alerts);
	}

	/**
	 * Accumulates the writes of one recording.
	 */
	private static final class Changes {

		final UUID scanId;

		final Instant at;

		final List<FindingStore.NewFinding> inserts = new ArrayList<>();

		final List<FindingStore.FindingUpdate> updates = new ArrayList<>();

		final List<UUID> unchangedIds = new ArrayList<>();

		final List<StateChange> events = new ArrayList<>();

		final List<LedgerResult.Alert> alerts = new ArrayList<>();

		int opened;

		int regressed;

		int unchanged;

		int resolved;

		int suppressed;

		Changes(UUID scanId, Instant at) {
			this.scanId = scanId;
			this.at = at;
		}

		void open(Observation observation, String fingerprint, @Nullable UUID suppression) {
			UUID id = UUID.randomUUID();
			FindingState state = (suppression != null) ? FindingState.SUPPRESSED : FindingState.OPEN;
			this.inserts
				.add(new FindingStore.NewFinding(id, fingerprint, observation, state, suppression, this.scanId));
			this.events.add(new StateChange(id, null, state, FindingChange.NEW, this.scanId,
					(suppression != null) ? "first seen; covered by suppression " + suppression : "first seen"));
			this.opened++;
			if (suppression != null) {
				this.suppressed++;
			}
			else {
				alert(id, observation, FindingChange.NEW);
			}
		}

		void fail(ExistingFinding row, Observation observation, @Nullable UUID suppression) {
			FindingState target = (suppression != null) ? FindingState.SUPPRESSED : FindingState.OPEN;
			FindingChange change;
			String reason = null;
			if (row.state() == FindingState.RESOLVED) {
				change = FindingChange.REGRESSED;
				reason = "failing again after being resolved";
				this.regressed++;
				if (suppression == null) {
					alert(row.id(), observation, change);
				}
			}
			else {
				change = Objects.equals(row.observed(), bounded(observation.observed(), 2000)) ? FindingChange.UNCHANGED
						: FindingChange.CHANGED;
				this.unchanged++;
				if (row.state() != target) {
					reason = (target == FindingState.SUPPRESSED) ? "covered by suppression " + suppression
							: "no active suppression covers it any more";
				}
			}
			if (suppression != null) {
				this.suppressed++;
			}
			boolean stateChanged = row.state() != target;
			boolean relinked = !row.workspaces().equals(workspaceKeys(observation));
			if (!stateChanged && !relinked && change == FindingChange.UNCHANGED
					&& Objects.equals(row.suppressionId(), suppression)) {
				this.unchangedIds.add(row.id());
			}
			else {
				this.updates.add(new FindingStore.FindingUpdate(row.id(), observation, target, change, this.scanId,
						suppression, stateChanged, false, relinked));
			}
			if (reason != null) {
				this.events.add(new StateChange(row.id(), row.state(), target, change, this.scanId, reason));
			}
		}

		void resolve(ExistingFinding row, String reason) {
			this.updates.add(new FindingStore.FindingUpdate(row.id(), null, FindingState.RESOLVED, null, this.scanId,
					null, true, true, false));
			this.events
				.add(new StateChange(row.id(), row.state(), FindingState.RESOLVED, row.change(), this.scanId, reason));
			this.resolved++;
		}

		private static Set<String> workspaceKeys(Observation observation) {
			Set<String> keys = new HashSet<>();
			for (String workspace : observation.workspaceIds()) {
				keys.add(workspace.toLowerCase(java.util.Locale.ROOT));
			}
			return keys;
		}

		private void alert(UUID id, Observation observation, FindingChange change) {
			if (ALERTING.contains(observation.severity())) {
				this.alerts.add(new LedgerResult.Alert(id, observation.checkId(), observation.severity(),
						observation.resourceId(), change));
			}
		}

	}

	static @Nullable String bounded(@Nullable String value, int max) {
		return (value != null && value.length() > max) ? value.substring(0, max) : value;
	}

}
