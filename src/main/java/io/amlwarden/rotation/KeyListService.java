package io.amlwarden.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.scans.StoredKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The keys page ({@code GET /keys}): every customer-managed key of the subscriptions in
 * {@link KeyScope}, from the inventory stored by the last scans. No Azure call, and a
 * fixed number of statements per page (policies, the page of keys, their last verified
 * rotations) whatever its size.
 */
@Service
class KeyListService {

	private final PolicyStore policies;

	private final RotationStore rotations;

	private final StoredKeys storedKeys;

	private final KeyScope scope;

	private final Clock clock;

	KeyListService(PolicyStore policies, RotationStore rotations, StoredKeys storedKeys, KeyScope scope, Clock clock) {
		this.policies = policies;
		this.rotations = rotations;
		this.storedKeys = storedKeys;
		this.scope = scope;
		this.clock = clock;
	}

	PageResponse<KeyView> keys(PageQuery page, @Nullable String subscription) {
		List<Policy> all = this.policies.all();
		Map<String, Policy> byKey = new LinkedHashMap<>();
		all.forEach((p) -> byKey.put(p.keyId(), p));
		Set<String> subscriptions = this.scope.subscriptions(all, subscription);
		int size = (page.size() != null) ? page.size() : PageQuery.DEFAULT_SIZE;
		int number = (page.page() != null) ? page.page() : 0;
		StoredKeys.KeyPage stored = this.storedKeys.page(subscriptions, number, size);
		Map<String, Instant> lastVerified = this.rotations
			.lastVerified(stored.keys().stream().map(StoredKeys.StoredKey::keyKey).toList());
		Instant now = this.clock.instant();
		List<KeyView> views = new ArrayList<>();
		for (StoredKeys.StoredKey key : stored.keys()) {
			Policy policy = byKey.get(key.keyKey());
			views.add(new KeyView(key.keyKey(), key.vaultId(), key.name(), key.currentVersion(), key.created(),
					(key.created() != null) ? Duration.between(key.created(), now).toDays() : null, key.expires(),
					lastVerified.getOrDefault(key.keyKey(), key.created()),
					(policy != null) ? policy.nextDueAt() : null, (policy != null) ? policy.id() : null,
					policy != null && policy.nativeRotation(), List.copyOf(key.dependents())));
		}
		return new PageResponse<>(views, number, size, stored.total(), (int) ((stored.total() + size - 1) / size));
	}

}
