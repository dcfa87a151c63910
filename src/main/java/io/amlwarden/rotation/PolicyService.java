package io.amlwarden.rotation;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.ProblemType;
import io.amlwarden.azure.AzureCallException;
import io.amlwarden.azure.CmkOperations;
import io.amlwarden.azure.KeyVaultKeys;
import io.amlwarden.inventory.KeyUrls;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.RotationPolicy;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;
import io.amlwarden.security.CallerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and lists rotation policies. Every write validates the settings
 * against Key Vault's own rules and resolves the target against Azure (the vault, the key
 * and, for a workspace target, the workspace's CMK), so that a policy never names a key
 * that does not exist.
 */
@Service
class PolicyService {

	private final PolicyStore store;

	private final CmkOperations azure;

	private final KeyVaultKeys keys;

	private final RotationProperties properties;

	private final Clock clock;

	PolicyService(PolicyStore store, CmkOperations azure, KeyVaultKeys keys, RotationProperties properties,
			Clock clock) {
		this.store = store;
		this.azure = azure;
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	PolicyView create(PolicyRequest request, CallerIdentity caller) {
		Settings settings = validate(request);
		Target target = resolve(request);
		if (this.store.findByKey(target.keyId()).isPresent()) {
			throw ApiException.conflict("A policy for key " + target.keyName() + " in " + target.vaultId()
					+ " already exists; change that one instead");
		}
		approvalRule().checkWrite(caller, null, Boolean.TRUE.equals(request.approvalRequired()));
		Instant now = this.clock.instant();
		Policy draft = build(UUID.randomUUID(), request, settings, target, target.anchor(), null, caller.principalId(),
				now, now, 0);
		Policy policy = withDue(draft);
		this.store.insert(policy);
		pushNative(policy);
		return PolicyView.of(policy);
	}

	@Transactional
	PolicyView update(UUID id, PolicyRequest request, @Nullable Long expectedVersion, CallerIdentity caller) {
		Policy existing = this.store.find(id)
			.orElseThrow(() -> ApiException.notFound("Rotation policy", id.toString()));
		Settings settings = validate(request);
		Target target = resolve(request);
		approvalRule().checkWrite(caller, existing, Boolean.TRUE.equals(request.approvalRequired()));
		boolean sameKey = target.keyId().equals(existing.keyId());
		if (!sameKey && this.store.findByKey(target.keyId()).isPresent()) {
			throw ApiException.conflict("Another policy already covers key " + target.keyName());
		}
		Instant now = this.clock.instant();
		// The anchor is runtime state: keep it unless the key changed, so that editing a
		// policy never postpones (or brings forward) the schedule by itself.
		Instant anchor = sameKey ? existing.anchorAt() : target.anchor();
		Policy draft = build(id, request, settings, target, anchor, existing.deferredUntil(), existing.createdBy(),
				existing.createdAt(), now, existing.version());
		Policy policy = withDue(draft);
		long version = (expectedVersion != null) ? expectedVersion : existing.version();
		if (!this.store.update(policy, version)) {
			// The caller's If-Match named the version read just before: it is stale now.
			throw new ApiException(io.amlwarden.api.ProblemType.PRECONDITION_FAILED,
					"The policy was changed by another request; GET it again and retry");
		}
		pushNative(policy);
		return PolicyView.of(this.store.find(id).orElseThrow());
	}

	Policy find(UUID id) {
		return this.store.find(id).orElseThrow(() -> ApiException.notFound("Rotation policy", id.toString()));
	}

	@Transactional(readOnly = true)
	PolicyView get(UUID id) {
		return PolicyView
			.of(this.store.find(id).orElseThrow(() -> ApiException.notFound("Rotation policy", id.toString())));
	}

	@Transactional(readOnly = true)
	PageResponse<PolicyView> list(PageQuery page) {
		int size = (page.size() != null) ? page.size() : PageQuery.DEFAULT_SIZE;
		int number = (page.page() != null) ? page.page() : 0;
		long total = this.store.count();
		List<PolicyView> items = this.store.page(number * size, size).stream().map(PolicyView::of).toList();
		return new PageResponse<>(items, number, size, total, (int) ((total + size - 1) / size));
	}

	@Transactional
	void delete(UUID id, CallerIdentity caller) {
		Policy existing = this.store.find(id)
			.orElseThrow(() -> ApiException.notFound("Rotation policy", id.toString()));
		approvalRule().checkDelete(caller, existing);
		if (!this.store.delete(id)) {
			throw ApiException.notFound("Rotation policy", id.toString());
		}
	}

	private ApprovalRule approvalRule() {
		return new ApprovalRule(this.properties.approval());
	}

	/**
	 * The policy with its next due time computed from its anchor.
	 */
	static Policy withDue(Policy p) {
		if (!p.enabled()) {
			return copy(p, null, "policy disabled");
		}
		if (p.nativeRotation()) {
			return copy(p, null, "Key Vault rotates this key natively every " + p.rotationPeriod()
					+ "; AML Warden propagates and verifies each new version");
		}
		RotationSchedule.Due due = p.schedule().nextDue(p.keyId(), p.anchorAt(), p.deferredUntil());
		return copy(p, due.at(), due.reason());
	}

	private static Policy copy(Policy p, @Nullable Instant nextDue, String reason) {
		return new Policy(p.id(), p.name(), p.targetKind(), p.workspaceId(), p.vaultId(), p.vaultUrl(), p.keyName(),
				p.keyId(), p.rotationPeriod(), p.expiry(), p.windowDays(), p.windowStartHour(), p.windowEndHour(),
				p.maxJitter(), p.notifyBefore(), p.approvalRequired(), p.nativeRotation(), p.enabled(), p.anchorAt(),
				nextDue, reason, p.deferredUntil(), p.createdBy(), p.createdAt(), p.updatedAt(), p.version());
	}

	private Policy build(UUID id, PolicyRequest request, Settings settings, Target target, Instant anchor,
			@Nullable Instant deferredUntil, String createdBy, Instant createdAt, Instant updatedAt, long version) {
		return new Policy(id, request.name().trim(),
				(request.workspaceId() != null) ? Policy.TargetKind.WORKSPACE : Policy.TargetKind.KEY,
				request.workspaceId(), target.vaultId(), target.vaultUrl(), target.keyName(), target.keyId(),
				IsoDurations.format(settings.period()),
				(settings.expiry() != null) ? IsoDurations.format(settings.expiry()) : null,
				settings.days().isEmpty() ? null
						: settings.days().stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(",")),
				settings.startHour(), settings.endHour(), IsoDurations.format(settings.maxJitter()),
				settings.thresholds().stream().map(IsoDurations::format).collect(Collectors.joining(",")),
				Boolean.TRUE.equals(request.approvalRequired()), Boolean.TRUE.equals(request.nativeRotation()),
				!Boolean.FALSE.equals(request.enabled()), anchor, null, null, deferredUntil, createdBy, createdAt,
				updatedAt, version);
	}

	/**
	 * Checks the settings against Key Vault's rules (rotation at least 7 days after
	 * creation and 7 days before expiry; expiry at least 28 days) and the window.
	 */
	Settings validate(PolicyRequest request) {
		boolean byKey = request.vaultId() != null || request.keyName() != null;
		if (byKey == (request.workspaceId() != null)) {
			throw IsoDurations.invalid("target", "invalid-target",
					"give either vaultId and keyName, or workspaceId (not both)");
		}
		if (byKey && (request.vaultId() == null || request.keyName() == null)) {
			throw IsoDurations.invalid((request.vaultId() == null) ? "vaultId" : "keyName", "invalid-target",
					"is required with " + ((request.vaultId() == null) ? "keyName" : "vaultId"));
		}
		Duration period = IsoDurations.parse("rotationPeriod", request.rotationPeriod());
		if (period.compareTo(RotationSchedule.AZURE_MIN_AFTER_CREATE) < 0) {
			throw IsoDurations.invalid("rotationPeriod", "period-too-short",
					"must be at least P7D: Key Vault rotates no earlier than 7 days after a version's creation (got "
							+ IsoDurations.format(period) + ")");
		}
		Duration expiry = (request.expiry() != null) ? IsoDurations.parse("expiry", request.expiry()) : null;
		if (expiry != null && expiry.compareTo(RotationSchedule.AZURE_MIN_EXPIRY) < 0) {
			throw IsoDurations.invalid("expiry", "expiry-too-short", "must be at least P28D, as Key Vault requires");
		}
		if (expiry != null && period.plus(RotationSchedule.AZURE_MIN_BEFORE_EXPIRY).compareTo(expiry) > 0) {
			throw IsoDurations.invalid("rotationPeriod", "period-too-close-to-expiry",
					"must end at least 7 days before new versions expire (period " + IsoDurations.format(period)
							+ ", expiry " + IsoDurations.format(expiry) + ")");
		}
		Duration maxJitter = (request.maxJitter() != null) ? IsoDurations.parseOrZero("maxJitter", request.maxJitter())
				: this.properties.defaultMaxJitter();
		if (maxJitter.compareTo(Duration.ofDays(1)) > 0) {
			throw IsoDurations.invalid("maxJitter", "jitter-too-long", "must be at most P1D");
		}
		List<Duration> thresholds = new ArrayList<>();
		for (String value : (request.notifyBefore() != null) ? request.notifyBefore()
				: this.properties.defaultNotifyBefore()) {
			Duration threshold = IsoDurations.parse("notifyBefore", value);
			if (threshold.compareTo(Duration.ofDays(366)) > 0) {
				throw IsoDurations.invalid("notifyBefore", "threshold-too-long", "must be at most P366D");
			}
			if (!thresholds.contains(threshold)) {
				thresholds.add(threshold);
			}
		}
		thresholds.sort(java.util.Comparator.reverseOrder());
		EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		Integer start = null;
		Integer end = null;
		PolicyRequest.Window window = request.window();
		if (window != null) {
			if (window.days() != null) {
				if (window.days().isEmpty()) {
					throw IsoDurations.invalid("window.days", "window-never-opens",
							"is empty: the window would never open (omit it for every day)");
				}
				days.addAll(window.days());
			}
			if ((window.startHour() == null) != (window.endHour() == null)) {
				throw IsoDurations.invalid("window", "invalid-window", "needs both startHour and endHour, or neither");
			}
			start = window.startHour();
			end = window.endHour();
			if (start != null && end != null && (start.equals(end) || (start == 0 && end == 0))) {
				throw IsoDurations.invalid("window", "window-never-opens",
						"opens and closes at the same hour, so it never opens");
			}
			if (window.days() == null && start == null) {
				throw IsoDurations.invalid("window", "window-never-opens", "names neither days nor hours");
			}
		}
		return new Settings(period, expiry, days, start, end, maxJitter, thresholds);
	}

	/**
	 * Resolves the key a request targets against Azure.
	 */
	Target resolve(PolicyRequest request) {
		String vaultId = request.vaultId();
		String keyName = request.keyName();
		if (request.workspaceId() != null) {
			Workspace workspace;
			try {
				workspace = this.azure.workspace(request.workspaceId());
			}
			catch (AzureCallException ex) {
				throw azureProblem(ex, "workspaceId", "unknown-workspace", "workspace");
			}
			if (workspace.encryption() == null || workspace.encryption().keyVaultArmId() == null
					|| workspace.encryption().keyName() == null) {
				throw IsoDurations.invalid("workspaceId", "workspace-without-cmk",
						"uses Microsoft-managed keys: there is no customer-managed key to rotate");
			}
			vaultId = workspace.encryption().keyVaultArmId();
			keyName = workspace.encryption().keyName();
		}
		if (vaultId == null || keyName == null) {
			throw IsoDurations.invalid("target", "invalid-target", "names no key");
		}
		KeyVault vault;
		try {
			vault = this.azure.vault(vaultId);
		}
		catch (AzureCallException ex) {
			throw azureProblem(ex, "vaultId", "unknown-vault", "vault");
		}
		String vaultUrl = KeyUrls.vaultUrl(vault.vaultUri());
		if (vaultUrl == null) {
			throw IsoDurations.invalid("vaultId", "unknown-vault", "has no data-plane URL");
		}
		VaultKey.KeyVersion current;
		try {
			current = this.azure.currentVersion(vaultUrl, keyName);
		}
		catch (AzureCallException ex) {
			throw azureProblem(ex, "keyName", "unknown-key", "key");
		}
		Instant anchor = (current.created() != null) ? current.created() : this.clock.instant();
		return new Target(vault.id(), vaultUrl, keyName, Policy.keyId(vault.id(), keyName), anchor);
	}

	static ApiException azureProblem(AzureCallException ex, String field, String missingCode, String what) {
		if (ex.status() == 404) {
			return IsoDurations.invalid(field, missingCode,
					"names a " + what + " that does not exist (or that AML Warden cannot see)");
		}
		if (ex.status() == 401 || ex.status() == 403) {
			return IsoDurations.invalid(field, "not-permitted",
					"names a " + what + " AML Warden is not permitted to read (" + ex.code() + ")");
		}
		if (ex.kind() == AzureCallException.Kind.PERMANENT) {
			return IsoDurations.invalid(field, "azure-refused",
					"could not be read: Azure answered HTTP " + ex.status() + " " + ex.code());
		}
		return new ApiException(ProblemType.SERVICE_UNAVAILABLE,
				"Azure did not answer reading the " + what + "; retry later", Map.of("azureStatus", ex.status()));
	}

	private void pushNative(Policy policy) {
		if (!policy.nativeRotation() || !policy.enabled()) {
			return;
		}
		List<RotationPolicy.LifetimeAction> actions = new ArrayList<>();
		actions.add(new RotationPolicy.LifetimeAction(RotationPolicy.Action.ROTATE, policy.rotationPeriod(), null));
		List<Duration> thresholds = policy.thresholds();
		if (policy.expiry() != null && !thresholds.isEmpty()) {
			// Key Vault's Notify needs an expiry on the policy and sends one Event Grid
			// event; AML Warden sends the other thresholds itself.
			actions.add(new RotationPolicy.LifetimeAction(RotationPolicy.Action.NOTIFY, null,
					IsoDurations.format(thresholds.get(0))));
		}
		try {
			this.keys.updateRotationPolicy(policy.vaultUrl(), policy.keyName(),
					new RotationPolicy(policy.expiry(), actions, null, null));
		}
		catch (AzureCallException ex) {
			throw new ApiException(ProblemType.SERVICE_UNAVAILABLE,
					"Key Vault did not accept the native rotation policy (" + ex.readReason() + "); nothing was saved",
					Map.of());
		}
	}

	/**
	 * Validated settings.
	 */
	record Settings(Duration period, @Nullable Duration expiry, EnumSet<DayOfWeek> days, @Nullable Integer startHour,
			@Nullable Integer endHour, Duration maxJitter, List<Duration> thresholds) {
	}

	/**
	 * A resolved key.
	 */
	record Target(String vaultId, String vaultUrl, String keyName, String keyId, Instant anchor) {
	}

}
