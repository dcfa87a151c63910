package io.amlwarden.rotation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.amlwarden.azure.InventoryCollector;
import io.amlwarden.inventory.ArmIds;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The subscriptions whose customer-managed keys AML Warden lists and watches:
 * {@code warden.azure.subscriptions}, {@code warden.rotation.subscriptions} and the
 * subscription of every rotation policy's vault. One definition, so that the keys page
 * and the overview's key tiles count the same keys.
 */
@Component
public class KeyScope {

	private final InventoryCollector collector;

	private final RotationProperties properties;

	private final PolicyStore policies;

	KeyScope(InventoryCollector collector, RotationProperties properties, PolicyStore policies) {
		this.collector = collector;
		this.properties = properties;
		this.policies = policies;
	}

	/**
	 * The subscriptions in scope, lower-cased.
	 * @param only narrow to this subscription (any case); {@code null} for all
	 * @return the subscriptions, empty when {@code only} is not in scope
	 */
	public Set<String> subscriptions(@Nullable String only) {
		return subscriptions(this.policies.all(), only);
	}

	Set<String> subscriptions(List<Policy> policies, @Nullable String only) {
		Set<String> all = new LinkedHashSet<>();
		this.collector.defaultSubscriptions().forEach((s) -> all.add(s.toLowerCase(Locale.ROOT)));
		this.properties.subscriptions().forEach((s) -> all.add(s.toLowerCase(Locale.ROOT)));
		for (Policy policy : policies) {
			String subscription = ArmIds.subscriptionOf(policy.vaultId());
			if (subscription != null) {
				all.add(subscription.toLowerCase(Locale.ROOT));
			}
		}
		if (only != null) {
			String wanted = only.toLowerCase(Locale.ROOT);
			return all.contains(wanted) ? Set.of(wanted) : Set.of();
		}
		return all;
	}

}
