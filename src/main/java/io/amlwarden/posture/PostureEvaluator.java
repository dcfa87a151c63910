package io.amlwarden.posture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.Workspace;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Evaluates the check catalogue on a snapshot and scores each workspace. A pure function
 * of the snapshot: no Azure calls, no database, and "now" is the snapshot's collection
 * time, so evaluating the same snapshot twice gives the same results.
 */
@Component
public class PostureEvaluator {

	private final List<PostureCheck> checks;

	private final Map<String, PostureCheck> checksById;

	private final PostureProperties properties;

	public PostureEvaluator(List<PostureCheck> checks, PostureProperties properties) {
		this.checks = checks.stream().sorted(Comparator.comparing((PostureCheck c) -> c.metadata().id())).toList();
		this.checksById = new LinkedHashMap<>();
		for (PostureCheck check : this.checks) {
			PostureCheck previous = this.checksById.put(check.metadata().id(), check);
			if (previous != null) {
				throw new IllegalStateException("Two checks share the id '" + check.metadata().id() + "': "
						+ previous.getClass().getName() + " and " + check.getClass().getName());
			}
		}
		this.properties = properties;
	}

	/**
	 * Evaluates one profile on the whole snapshot (e.g. the profile a scan asked for).
	 * @param snapshot the inventory
	 * @param profile the profile
	 * @return the results and workspace scores
	 */
	public Evaluation evaluate(TenantSnapshot snapshot, Profile profile) {
		return evaluate(snapshot, profile, (subscription) -> profile);
	}

	/**
	 * Evaluates with the configured profile of each subscription
	 * ({@code warden.posture.subscription-profiles}, falling back to
	 * {@code warden.posture.default-profile}). A result is kept when its check belongs to
	 * the profile of its resource's subscription or of one of the workspaces it is
	 * reported under, and it is reported only under the workspaces whose profile includes
	 * the check: a REGULATED workspace sees the key-expiry result of a vault in a
	 * BASELINE subscription.
	 * @param snapshot the inventory
	 * @return the results and workspace scores
	 */
	public Evaluation evaluate(TenantSnapshot snapshot) {
		return evaluate(snapshot, this.properties.defaultProfile(), this.properties::profileFor);
	}

	/**
	 * The profile configured for a subscription.
	 * @param subscriptionId a subscription id in any case
	 * @return its profile, or the default profile
	 */
	public Profile profileFor(String subscriptionId) {
		return this.properties.profileFor(subscriptionId);
	}

	/**
	 * Every check's metadata, ordered by id.
	 * @return the catalogue
	 */
	public List<CheckMetadata> catalogue() {
		return this.checks.stream().map(PostureCheck::metadata).toList();
	}

	/**
	 * The metadata of one check.
	 * @param checkId the id, in any case
	 * @return the metadata, if such a check exists
	 */
	public Optional<CheckMetadata> metadata(String checkId) {
		PostureCheck check = this.checksById.get(checkId.toLowerCase(Locale.ROOT));
		return Optional.ofNullable(check).map(PostureCheck::metadata);
	}

	private Evaluation evaluate(TenantSnapshot snapshot, Profile reported, Function<String, Profile> profileOf) {
		WorkspaceGraph graph = WorkspaceGraph.of(snapshot);
		Map<String, Profile> subscriptionProfiles = new LinkedHashMap<>();
		graph.subscriptions().forEach((s) -> subscriptionProfiles.put(s, profileOf.apply(s)));
		boolean single = subscriptionProfiles.values().stream().allMatch((p) -> p == reported);
		List<PostureCheck> selected = this.checks.stream()
			.filter((check) -> single ? check.metadata().includedIn(reported)
					: subscriptionProfiles.values().stream().anyMatch(check.metadata()::includedIn)
							|| check.metadata().includedIn(reported))
			.toList();
		// Checks are independent pure functions: evaluate them in parallel, keep
		// catalogue order.
		List<List<CheckResult>> perCheck = selected.parallelStream().map((check) -> check.evaluate(graph)).toList();
		List<CheckResult> results = new ArrayList<>(perCheck.stream().mapToInt(List::size).sum());
		for (int i = 0; i < selected.size(); i++) {
			CheckMetadata metadata = selected.get(i).metadata();
			for (CheckResult result : perCheck.get(i)) {
				CheckResult kept = single ? result : keep(result, metadata, profileOf);
				if (kept != null) {
					results.add(kept);
				}
			}
		}
		return new Evaluation(reported, results, score(snapshot, results), subscriptionProfiles);
	}

	private static @Nullable CheckResult keep(CheckResult result, CheckMetadata metadata,
			Function<String, Profile> profileOf) {
		boolean resourceIncluded = metadata.includedIn(profileOf.apply(result.subscriptionId()));
		List<String> workspaces = result.workspaceIds()
			.stream()
			.filter((ws) -> metadata.includedIn(profileOf.apply(WorkspaceGraph.subscriptionOf(ws))))
			.toList();
		if (!resourceIncluded && workspaces.isEmpty()) {
			return null;
		}
		if (workspaces.size() == result.workspaceIds().size()) {
			return result;
		}
		return new CheckResult(result.checkId(), result.resourceId(), result.resourceType(), result.resourceName(),
				result.subscriptionId(), result.status(), result.evidence(), result.detail(), workspaces);
	}

	private Map<String, WorkspacePosture> score(TenantSnapshot snapshot, List<CheckResult> results) {
		Map<String, Tally> tallies = new HashMap<>();
		// Results carry the workspace ids as given, so look them up as given first and
		// lower-case only the rare id spelled differently.
		Map<String, Tally> byGivenId = new HashMap<>();
		for (Workspace workspace : snapshot.workspaces()) {
			Tally tally = tallies.computeIfAbsent(ArmIds.key(workspace.id()), (k) -> new Tally(workspace.id()));
			byGivenId.putIfAbsent(workspace.id(), tally);
		}
		for (CheckResult result : results) {
			Severity severity = this.checksById.get(result.checkId()).metadata().severity();
			for (String workspaceId : result.workspaceIds()) {
				Tally tally = byGivenId.get(workspaceId);
				if (tally == null) {
					tally = tallies.get(ArmIds.key(workspaceId));
				}
				if (tally != null) {
					tally.add(result.status(), severity);
				}
			}
		}
		Map<String, WorkspacePosture> postures = new HashMap<>();
		tallies.forEach((key, tally) -> postures.put(key, tally.posture()));
		return postures;
	}

	/**
	 * Counts for one workspace; see {@link WorkspacePosture} for the score.
	 */
	private static final class Tally {

		private final String workspaceId;

		private final Map<Severity, Integer> failedBySeverity = new EnumMap<>(Severity.class);

		private long passedWeight;

		private long failedWeight;

		private int passed;

		private int failed;

		private int unknown;

		private int notApplicable;

		Tally(String workspaceId) {
			this.workspaceId = workspaceId;
			for (Severity severity : Severity.values()) {
				this.failedBySeverity.put(severity, 0);
			}
		}

		void add(CheckStatus status, Severity severity) {
			switch (status) {
				case PASS -> {
					this.passed++;
					this.passedWeight += severity.weight();
				}
				case FAIL -> {
					this.failed++;
					this.failedWeight += severity.weight();
					this.failedBySeverity.merge(severity, 1, Integer::sum);
				}
				case UNKNOWN -> this.unknown++;
				case NOT_APPLICABLE -> this.notApplicable++;
			}
		}

		WorkspacePosture posture() {
			return new WorkspacePosture(this.workspaceId, score(), this.failedBySeverity, this.passed, this.failed,
					this.unknown, this.notApplicable);
		}

		private int score() {
			long judged = this.passedWeight + this.failedWeight;
			if (judged == 0) {
				return (this.unknown > 0) ? 0 : 100;
			}
			return (int) ((100 * this.passedWeight) / judged);
		}

	}

}
