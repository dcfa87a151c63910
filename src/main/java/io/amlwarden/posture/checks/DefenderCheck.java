package io.amlwarden.posture.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.amlwarden.inventory.DefenderPricing;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.posture.CheckResult;
import io.amlwarden.posture.WorkspaceGraph;
import io.amlwarden.posture.WorkspaceGraph.Dependency;

/**
 * A check that a Defender for Cloud plan is on ({@code pricingTier} Standard) in each
 * subscription that matters to a workspace system. Resource-bound plans (Key Vault,
 * Storage, Containers) are judged in the subscriptions holding the workspaces' vaults,
 * storage accounts or registries, and reported under those workspaces; subscription-wide
 * plans (Resource Manager, CSPM, AI) in the workspaces' own subscriptions.
 * <p>
 * The plans of a subscription outside the scan scope were not collected: UNKNOWN. A
 * subscription whose plan list came back empty is UNKNOWN too, since Azure always lists
 * every plan (Free ones included) and an empty list means the read did not happen. A plan
 * missing from a non-empty list is judged by its default, Free.
 */
abstract class DefenderCheck extends AbstractCheck {

	private static final String PATH = "properties.pricingTier";

	private static final String EXPECTED = "Standard";

	private final String plan;

	/**
	 * @param meta the metadata
	 * @param plan the pricing name, e.g. {@code KeyVaults}
	 */
	DefenderCheck(Meta meta, String plan) {
		super(meta.resourceType(ResourceTypes.PRICING));
		this.plan = plan;
	}

	@Override
	public final List<CheckResult> evaluate(WorkspaceGraph graph) {
		Map<String, Set<String>> subscriptions = subscriptions(graph);
		Set<String> scope = new LinkedHashSet<>();
		graph.snapshot().scope().subscriptionIds().forEach((s) -> scope.add(s.toLowerCase(java.util.Locale.ROOT)));
		List<CheckResult> results = new ArrayList<>();
		subscriptions.forEach((subscription, workspaces) -> {
			String pricingId = "/subscriptions/" + subscription + "/providers/Microsoft.Security/pricings/" + this.plan;
			results.add(result(pricingId, judge(graph, subscription, scope.contains(subscription)),
					List.copyOf(workspaces)));
		});
		return results;
	}

	private Verdict judge(WorkspaceGraph graph, String subscription, boolean inScope) {
		Optional<ReadFailure> failure = graph.failure("/subscriptions/" + subscription, "defenderPricings");
		if (failure.isPresent()) {
			return Verdict.unreadable(PATH, EXPECTED, "the Defender plans of subscription " + subscription,
					failure.get());
		}
		if (!inScope) {
			return Verdict.unknown(PATH, EXPECTED, "Subscription " + subscription
					+ " is outside the scan scope, so its Defender plans were not collected");
		}
		List<DefenderPricing> pricings = graph.snapshot().defenderPricings(subscription);
		if (pricings.isEmpty()) {
			return Verdict.unknown(PATH, EXPECTED,
					"No Defender plans were returned for subscription " + subscription + "; the read did not happen");
		}
		DefenderPricing pricing = pricings.stream()
			.filter((p) -> this.plan.equalsIgnoreCase(p.plan()))
			.findFirst()
			.orElse(null);
		if (pricing == null) {
			return Verdict.fail(PATH, null, EXPECTED,
					"The " + this.plan + " plan is not listed for the subscription, so it has its default tier, Free");
		}
		return Verdict.of(pricing.isStandard(), PATH, pricing.pricingTier(), EXPECTED,
				"Defender plan " + this.plan + " is on",
				"Defender plan " + this.plan + " is off (" + Verdict.show(pricing.pricingTier()) + ")");
	}

	/**
	 * The subscriptions to judge and, for each, the workspaces to report under.
	 */
	abstract Map<String, Set<String>> subscriptions(WorkspaceGraph graph);

	/**
	 * The workspaces' own subscriptions and the scan scope's.
	 */
	static Map<String, Set<String>> workspaceSubscriptions(WorkspaceGraph graph) {
		Map<String, Set<String>> result = new LinkedHashMap<>();
		for (String subscription : graph.subscriptions()) {
			result.put(subscription, new LinkedHashSet<>(graph.workspacesInSubscription(subscription)));
		}
		return result;
	}

	/**
	 * The subscriptions holding a kind of dependency, with the workspaces it serves.
	 */
	static <T> Map<String, Set<String>> dependencySubscriptions(List<Dependency<T>> dependencies) {
		Map<String, Set<String>> result = new LinkedHashMap<>();
		for (Dependency<T> dependency : dependencies) {
			String subscription = WorkspaceGraph.subscriptionOf(dependency.id());
			if (!subscription.isEmpty()) {
				result.computeIfAbsent(subscription, (s) -> new LinkedHashSet<>()).addAll(dependency.workspaceIds());
			}
		}
		return result;
	}

}
