package io.amlwarden.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.KeyUrls;
import io.amlwarden.scans.StoredKeys;
import io.amlwarden.inventory.TenantSnapshot;
import io.amlwarden.inventory.VaultKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches the keys in scope: sends near-expiry notices (each threshold once per key
 * version, de-duplicated in {@code rotation_notice}), and records key versions that AML
 * Warden did not create (Key Vault's native policy, a person) as {@code OUT_OF_BAND}
 * rotations whose dependents are then updated (when a policy covers the key) or checked.
 */
@Service
class KeyWatchService {

	private static final Logger logger = LoggerFactory.getLogger(KeyWatchService.class);

	private final RotationInventory inventory;

	private final PolicyStore policies;

	private final RotationStore store;

	private final PlanService plans;

	private final RotationService rotations;

	private final RotationNotices notices;

	private final TransactionTemplate tx;

	private final RotationProperties properties;

	private final Clock clock;

	KeyWatchService(RotationInventory inventory, PolicyStore policies, RotationStore store, PlanService plans,
			RotationService rotations, RotationNotices notices, TransactionTemplate tx, RotationProperties properties,
			Clock clock) {
		this.inventory = inventory;
		this.policies = policies;
		this.store = store;
		this.plans = plans;
		this.rotations = rotations;
		this.notices = notices;
		this.tx = tx;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * One pass over every key in scope.
	 * @return what it did
	 */
	Summary scan() {
		this.inventory.invalidate();
		TenantSnapshot snapshot = snapshot();
		Map<String, Policy> byKey = new LinkedHashMap<>();
		this.policies.all().forEach((p) -> byKey.put(p.keyId(), p));
		int notices = 0;
		int outOfBand = 0;
		for (VaultKey key : keysInScope(snapshot, byKey)) {
			String keyId = ArmIds.key(key.id());
			Policy policy = byKey.get(keyId);
			notices += nearExpiry(key, keyId, policy);
			if (recordVersion(key, keyId, policy)) {
				outOfBand++;
			}
		}
		return new Summary(notices, outOfBand);
	}

	private int nearExpiry(VaultKey key, String keyId, @Nullable Policy policy) {
		String version = key.currentVersion();
		if (key.expires() == null || version == null) {
			return 0;
		}
		Instant now = this.clock.instant();
		List<Duration> thresholds = new ArrayList<>();
		if (policy != null) {
			thresholds.addAll(policy.thresholds());
		}
		else {
			this.properties.defaultNotifyBefore().forEach((t) -> thresholds.add(IsoDurations.parse("notifyBefore", t)));
		}
		thresholds.sort(Comparator.reverseOrder());
		List<String> crossed = new ArrayList<>();
		Duration mostUrgent = null;
		for (Duration threshold : thresholds) {
			if (!now.isBefore(key.expires().minus(threshold))) {
				crossed.add("near-expiry-" + IsoDurations.format(threshold));
				mostUrgent = threshold;
			}
		}
		if (!now.isBefore(key.expires())) {
			crossed.add("expired");
		}
		if (crossed.isEmpty()) {
			return 0;
		}
		String latest = crossed.get(crossed.size() - 1);
		Duration urgent = mostUrgent;
		Integer sent = this.tx.execute((status) -> {
			boolean fresh = false;
			for (String notice : crossed) {
				int inserted = this.store.jdbc()
					.update("INSERT INTO rotation_notice (key_id, version, notice, sent_at) VALUES (?, ?, ?, ?) "
							+ "ON CONFLICT DO NOTHING", keyId, version, notice, PolicyStore.ts(now));
				fresh |= inserted == 1 && notice.equals(latest);
			}
			if (!fresh) {
				return 0;
			}
			// Only the most urgent threshold crossed is announced: a key first seen 5
			// days before expiry gets one notice, not three.
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("keyId", keyId);
			data.put("keyName", key.name());
			data.put("version", version);
			data.put("expiresAt", key.expires().toString());
			data.put("notice", latest);
			if (urgent != null) {
				data.put("threshold", IsoDurations.format(urgent));
			}
			if (policy != null) {
				data.put("policyId", policy.id().toString());
			}
			String type = latest.equals("expired") ? "key.expired" : "key.near-expiry";
			this.notices.publish(type, keyId, data);
			this.notices.audit(type, keyId, true);
			return 1;
		});
		return (sent != null) ? sent : 0;
	}

	/**
	 * Records the key's current version; a version nobody here created starts an
	 * OUT_OF_BAND rotation so that its dependents are carried along or checked.
	 * @return whether an out-of-band version was found
	 */
	private boolean recordVersion(VaultKey key, String keyId, @Nullable Policy policy) {
		String version = key.currentVersion();
		if (version == null) {
			return false;
		}
		Instant now = this.clock.instant();
		List<String> known = this.store.jdbc()
			.queryForList("SELECT version FROM rotation_key_version WHERE key_id = ?", String.class, keyId);
		if (known.isEmpty()) {
			this.store.knownVersion(keyId, version, "BASELINE", key.created(), now);
			return false;
		}
		if (known.stream().anyMatch((v) -> v.equalsIgnoreCase(version))) {
			return false;
		}
		if (this.store.inFlight(keyId).isPresent()) {
			// A rotation of ours is under way; its version is recorded when it lands.
			return false;
		}
		String vaultUrl = KeyUrls.vaultUrl(key.keyUri());
		if (vaultUrl == null) {
			return false;
		}
		PlanView.KeyRef ref = new PlanView.KeyRef(key.vaultId(), vaultUrl, key.name(), keyId);
		PlanService.Assessment assessment = this.plans.assess(ref);
		boolean propagate = policy != null && policy.enabled();
		String from = this.store.jdbc()
			.queryForList("SELECT version FROM rotation_key_version WHERE key_id = ? "
					+ "ORDER BY created_at DESC NULLS LAST, first_seen_at DESC LIMIT 1", String.class, keyId)
			.stream()
			.findFirst()
			.orElse(null);
		List<PlanView.PlannedDependent> dependents = assessment.dependents()
			.stream()
			.map((d) -> propagate ? d
					: new PlanView.PlannedDependent(d.resourceId(), d.kind(), PlanView.DependentAction.VERIFY,
							d.currentKid()))
			.toList();
		PlanView plan = new PlanView(UUID.randomUUID(), (policy != null) ? policy.id() : null, ref, from, null,
				dependents, assessment.checks(), assessment.blockers(), !assessment.blockers().isEmpty(),
				assessment.warnings(), false, assessment.inventoryAt(), this.properties.identity(), now, now);
		try {
			this.tx.executeWithoutResult((status) -> {
				this.store.knownVersion(keyId, version, "OUT_OF_BAND", key.created(), now);
				Rotation base = this.rotations.create(plan, Rotation.Trigger.OUT_OF_BAND, this.properties.identity(),
						"AML Warden key watch", null, null, now);
				// No plan row backs an out-of-band rotation: it records what happened.
				Rotation.Plan by = base.plan();
				Rotation rotation = base.moveTo(Rotation.Status.RUNNING, Rotation.Step.PROPAGATING, now)
					.withKey(base.key().withTo(version, vaultUrl + "/keys/" + key.name() + "/" + version))
					.withPlan(new Rotation.Plan(null, by.policyId(), by.trigger(), by.requestedBy(),
							by.requestedByName(), null, null, null, null, null, null, null, null))
					.started(now);
				this.store.insert(rotation);
				dependents.forEach((d) -> this.store.insertDependent(rotation.id(), d, now));
				this.store.event(rotation.id(), now, "OUT_OF_BAND_VERSION", null, Rotation.Status.RUNNING, null,
						"version " + version + " was created outside AML Warden; dependents will be "
								+ (propagate ? "updated and verified" : "checked"),
						List.of(), this.properties.identity());
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("rotationId", rotation.id().toString());
				data.put("keyId", keyId);
				data.put("version", version);
				this.notices.publish("key.out-of-band-version", keyId, data);
				this.notices.audit("key.out-of-band-version", "/api/v1/rotations/" + rotation.id(), true);
				this.policies.findByKey(keyId).ifPresent((p) -> {
					Instant anchor = (key.created() != null) ? key.created() : now;
					Policy updated = PolicyService.withDue(new Policy(p.id(), p.name(), p.targetKind(), p.workspaceId(),
							p.vaultId(), p.vaultUrl(), p.keyName(), p.keyId(), p.rotationPeriod(), p.expiry(),
							p.windowDays(), p.windowStartHour(), p.windowEndHour(), p.maxJitter(), p.notifyBefore(),
							p.approvalRequired(), p.nativeRotation(), p.enabled(), anchor, null, null, null,
							p.createdBy(), p.createdAt(), now, p.version()));
					this.policies.schedule(p.id(), anchor, updated.nextDueAt(), updated.nextDueReason(), null, now);
				});
			});
		}
		catch (DuplicateKeyException ex) {
			logger.info("Out-of-band version {} of {} raced another rotation; left to it", version, keyId);
			return false;
		}
		return true;
	}

	private Set<String> auditedSubscriptions(List<Policy> policies) {
		Set<String> subscriptions = new LinkedHashSet<>(this.properties.subscriptions());
		for (Policy policy : policies) {
			String subscription = ArmIds.subscriptionOf(policy.vaultId());
			if (subscription != null) {
				subscriptions.add(subscription);
			}
		}
		return subscriptions;
	}

	private TenantSnapshot snapshot() {
		Set<String> subscriptions = auditedSubscriptions(this.policies.all());
		if (subscriptions.isEmpty()) {
			return TenantSnapshot
				.builder(io.amlwarden.inventory.InventoryScope.subscriptions(List.of("none")), this.clock.instant())
				.build();
		}
		return this.inventory.snapshot(subscriptions);
	}

	/** Keys used as a CMK by a workspace or storage account, or covered by a policy. */
	private List<VaultKey> keysInScope(TenantSnapshot snapshot, Map<String, Policy> byKey) {
		Map<String, Set<String>> dependents = StoredKeys.dependents(snapshot);
		return snapshot.keys()
			.stream()
			.filter((k) -> dependents.containsKey(ArmIds.key(k.id())) || byKey.containsKey(ArmIds.key(k.id())))
			.toList();
	}

	/**
	 * What a scan did.
	 *
	 * @param notices notices sent
	 * @param outOfBand out-of-band versions recorded
	 */
	record Summary(int notices, int outOfBand) {
	}

}
