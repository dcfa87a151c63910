package io.amlwarden.access;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.access.ReviewStore.StoredItem;
import io.amlwarden.api.ApiException;
import io.amlwarden.api.ProblemType;
import io.amlwarden.azure.AzureCallException;
import io.amlwarden.azure.RoleAssignmentOperations;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.ReadFailure;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.notifications.Notifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the denials of a closed review, never hastily: each denied item is re-read in
 * Azure right before removal and kept when it changed since the review, when its
 * principal is soft-deleted (or its state cannot be established), when it belongs to a
 * break-glass principal or to AML Warden's own identity, when it is the last Owner of its
 * scope, or when the run's removal cap is reached. A dry run goes through exactly the
 * same checks without deleting or recording anything.
 * <p>
 * Separation of duties: a run that could remove more than
 * {@code warden.access.two-person-threshold} assignments must be started by a second
 * Admin, neither the one who defined the review nor the one who closed it, and never by
 * the scheduler on its own.
 * <p>
 * Exactly once across replicas: a run first takes the instance (OPEN/CLOSED to APPLYING
 * under a lease), then claims each item with {@code FOR UPDATE SKIP LOCKED} and records
 * its result in the same transaction as the delete. Each removal keeps the assignment and
 * its role definition as they were, so that it can be re-granted.
 */
@Service
class ReviewApplyService {

	private static final Logger logger = LoggerFactory.getLogger(ReviewApplyService.class);

	private final ReviewStore store;

	private final ReviewService campaigns;

	private final RoleAssignmentOperations azure;

	private final AccessProperties properties;

	private final Notifier notifier;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ReviewApplyService(ReviewStore store, ReviewService campaigns, RoleAssignmentOperations azure,
			AccessProperties properties, Notifier notifier, TransactionTemplate transactions, Clock clock) {
		this.store = store;
		this.campaigns = campaigns;
		this.azure = azure;
		this.properties = properties;
		this.notifier = notifier;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Applies (or, with {@code dryRun}, previews) the denials of a closed review.
	 */
	ApplyReport apply(UUID reviewId, boolean dryRun, String actor) {
		Instance instance = this.campaigns.instance(reviewId);
		Definition definition = this.campaigns.definition(instance.definitionId());
		int cap = removalCap(definition, instance);
		if (instance.status() == InstanceStatus.OPEN) {
			throw ApiException.conflict("The review is still open; close it before applying its decisions");
		}
		if (dryRun) {
			return preview(instance, cap);
		}
		requireSecondAdmin(instance, definition, cap, actor);
		begin(reviewId);
		List<ApplyOutcome> outcomes = new ArrayList<>();
		UUID cursor = null;
		while (true) {
			UUID after = cursor;
			ApplyOutcome outcome = this.transactions.execute((status) -> this.store.claimNextDenial(reviewId, after)
				.map((item) -> applyOne(item, cap, actor))
				.orElse(null));
			if (outcome == null) {
				break;
			}
			outcomes.add(outcome);
			cursor = outcome.itemId();
		}
		int removed = (int) outcomes.stream().filter((o) -> o.result() == ApplyResult.APPLIED_SUCCESSFULLY).count();
		this.transactions.executeWithoutResult((status) -> {
			this.store.markApplied(reviewId, this.clock.instant());
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("reviewId", reviewId.toString());
			data.put("removed", removed);
			data.put("notApplied", outcomes.stream().filter((o) -> o.result() == ApplyResult.NOT_APPLIED).count());
			data.put("failed", outcomes.stream().filter((o) -> o.result() == ApplyResult.FAILED).count());
			data.put("removalCap", cap);
			this.notifier.publish("access-review.applied", reviewId.toString(), data);
		});
		logger.info("Applied access review {}: {} removed of {} denied item(s) (cap {})", reviewId, removed,
				outcomes.size(), cap);
		return new ApplyReport(reviewId, false, cap, removed, outcomes);
	}

	/**
	 * Whether applying this review needs a second Admin: it could remove more assignments
	 * than one person may on their own.
	 */
	boolean needsSecondAdmin(Instance instance, Definition definition) {
		return removable(instance, removalCap(definition, instance)) > this.properties.twoPersonThreshold();
	}

	private int removable(Instance instance, int cap) {
		return Math.min(cap, this.store.countPendingDenials(instance.id()));
	}

	private static int removalCap(Definition definition, Instance instance) {
		return (int) Math.floor(definition.maxRemovalShare() * instance.itemCount() + 1e-9);
	}

	/**
	 * The two-person rule. Counted before any Azure read, as an upper bound (the pending
	 * denials, at most the cap), so the rule cannot be dodged by what Azure answers.
	 */
	private void requireSecondAdmin(Instance instance, Definition definition, int cap, String actor) {
		int removable = removable(instance, cap);
		int threshold = this.properties.twoPersonThreshold();
		if (removable <= threshold) {
			return;
		}
		String rule = "This run could remove " + removable + " assignment(s), more than the " + threshold
				+ " one Admin may apply alone (warden.access.two-person-threshold)";
		if (ReviewService.SYSTEM.equals(actor)) {
			throw new ApiException(ProblemType.FORBIDDEN, rule + ": it waits for a second Admin to apply it");
		}
		if (actor.equalsIgnoreCase(definition.createdBy())) {
			throw new ApiException(ProblemType.FORBIDDEN,
					rule + ": it must be applied by a second Admin, not the one who defined the review");
		}
		if (instance.closedBy() != null && actor.equalsIgnoreCase(instance.closedBy())) {
			throw new ApiException(ProblemType.FORBIDDEN,
					rule + ": it must be applied by a second Admin, not the one who closed the review");
		}
	}

	/**
	 * Takes the instance for this run; another live run, or an open review, is a
	 * conflict. A run whose lease ran out (its replica died) may be taken over.
	 */
	private void begin(UUID reviewId) {
		this.transactions.executeWithoutResult((status) -> {
			Instance locked = this.store.lockInstance(reviewId, true).orElseThrow();
			Instant now = this.clock.instant();
			if (locked.status() == InstanceStatus.OPEN) {
				throw ApiException.conflict("The review is still open; close it before applying its decisions");
			}
			if (locked.status() == InstanceStatus.APPLYING) {
				Instant lease = this.store.applyLeaseUntil(reviewId);
				if (lease != null && lease.isAfter(now)) {
					throw ApiException.conflict("Another apply run of this review is in progress");
				}
			}
			this.store.startApplying(reviewId, now.plus(this.properties.applyLease()));
		});
	}

	private ApplyOutcome applyOne(StoredItem item, int cap, String actor) {
		Instant now = this.clock.instant();
		UUID reviewId = item.item().reviewId();
		Check check = check(item, Set.of());
		RoleAssignment before = check.current();
		ApplyResult result;
		String detail;
		if (check.result() != null) {
			result = check.result();
			detail = check.detail();
		}
		else if (!this.store.reserveRemoval(reviewId, cap)) {
			result = ApplyResult.NOT_APPLIED;
			detail = "Removal cap reached: this run may remove at most " + cap + " assignment(s)";
		}
		else {
			try {
				boolean deleted = this.azure.delete(item.item().assignmentId(), item.subscriptionId());
				if (deleted) {
					result = ApplyResult.APPLIED_SUCCESSFULLY;
					detail = "Role assignment deleted";
				}
				else {
					this.store.releaseRemoval(reviewId);
					result = ApplyResult.APPLIED_BUT_OBJECT_NOT_FOUND;
					detail = "The assignment was already gone when it was deleted";
				}
			}
			catch (AzureCallException ex) {
				this.store.releaseRemoval(reviewId);
				result = ApplyResult.FAILED;
				detail = ex.getMessage();
			}
		}
		this.store.recordApply(item.item().id(), result, detail, actor, now);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("result", result.name());
		after.put("assignmentExists", result != ApplyResult.APPLIED_SUCCESSFULLY
				&& result != ApplyResult.APPLIED_BUT_OBJECT_NOT_FOUND && before != null);
		this.store.appendEvent(item.item().id(), now, "APPLY", actor, result.name(), detail,
				(before != null) ? before : item.assignment(), after);
		return outcome(item.item(), result, detail);
	}

	private ApplyReport preview(Instance instance, int cap) {
		List<ApplyOutcome> outcomes = new ArrayList<>();
		int removals = 0;
		Set<UUID> removedHere = new HashSet<>();
		for (StoredItem item : this.store.pendingDenials(instance.id())) {
			Check check = check(item, removedHere);
			if (check.result() != null) {
				outcomes.add(outcome(item.item(), check.result(), check.detail()));
			}
			else if (removals >= cap) {
				outcomes.add(outcome(item.item(), ApplyResult.NOT_APPLIED,
						"Removal cap reached: this run may remove at most " + cap + " assignment(s)"));
			}
			else {
				removals++;
				removedHere.add(item.item().id());
				outcomes.add(outcome(item.item(), ApplyResult.APPLIED_SUCCESSFULLY, "Would delete the assignment"));
			}
		}
		return new ApplyReport(instance.id(), true, cap, removals, outcomes);
	}

	/**
	 * Every reason not to delete, checked against Azure as it is now. A {@code null}
	 * result means the item may be removed (subject to the cap).
	 */
	private Check check(StoredItem stored, Set<UUID> removedInPreview) {
		Item item = stored.item();
		if (item.breakGlass() || this.properties.policy().isBreakGlass(item.principalId())) {
			return new Check(ApplyResult.NOT_APPLIED, "Break-glass principal: never removed", null);
		}
		if (this.properties.isServicePrincipal(item.principalId())) {
			return new Check(ApplyResult.NOT_APPLIED,
					"AML Warden's own identity: never removed (the service would lose the access it applies with)",
					null);
		}
		if (SignalEvaluator.OWNER.equals(stored.assignment().roleDefinitionGuid())
				&& this.store.remainingOwners(item.reviewId(), item.id(), item.scope())
					.stream()
					.allMatch(removedInPreview::contains)) {
			return new Check(ApplyResult.NOT_APPLIED,
					"Last Owner of " + item.scope() + ": never removed (the scope would be left without an owner)",
					null);
		}
		if (item.principalState() == PrincipalState.SOFT_DELETED) {
			return new Check(ApplyResult.NOT_APPLIED,
					"Principal was soft-deleted when reviewed: held until it is restored or purged", null);
		}
		Optional<RoleAssignment> current;
		try {
			current = this.azure.read(item.assignmentId(), stored.subscriptionId());
		}
		catch (AzureCallException ex) {
			return new Check(ApplyResult.FAILED, "Could not re-read the assignment: " + ex.getMessage(), null);
		}
		if (current.isEmpty()) {
			return new Check(ApplyResult.APPLIED_BUT_OBJECT_NOT_FOUND, "The assignment no longer exists", null);
		}
		String changes = changes(stored.assignment(), current.get());
		if (!changes.isEmpty()) {
			return new Check(ApplyResult.NOT_APPLIED, "Changed since review: " + changes, current.get());
		}
		try {
			RoleAssignmentOperations.PrincipalState state = this.azure.principalState(item.principalId());
			if (state == RoleAssignmentOperations.PrincipalState.SOFT_DELETED) {
				return new Check(ApplyResult.NOT_APPLIED,
						"Principal is soft-deleted (in directory/deletedItems): held, never cleaned up", current.get());
			}
		}
		catch (AzureCallException ex) {
			// Without knowing whether the principal can be restored, removing could
			// strand it without access after a restore: fail closed.
			return new Check(ApplyResult.NOT_APPLIED,
					"Principal state unknown (" + reason(ex) + "); not removed (fail closed)", current.get());
		}
		return new Check(null, null, current.get());
	}

	/**
	 * What differs between the reviewed assignment and the current one, in the fields
	 * that decide what access it grants (and its update time, which moves on any edit).
	 */
	static String changes(RoleAssignment reviewed, RoleAssignment current) {
		List<String> changed = new ArrayList<>();
		if (!Objects.equals(reviewed.roleDefinitionGuid(), current.roleDefinitionGuid())) {
			changed.add("role");
		}
		if (!ArmIds.same(reviewed.scope(), current.scope())) {
			changed.add("scope");
		}
		if (!equalsIgnoreCase(reviewed.principalId(), current.principalId())) {
			changed.add("principal");
		}
		if (!Objects.equals(blankToNull(reviewed.condition()), blankToNull(current.condition()))
				|| !Objects.equals(blankToNull(reviewed.conditionVersion()), blankToNull(current.conditionVersion()))) {
			changed.add("condition");
		}
		if (reviewed.updatedOn() != null && current.updatedOn() != null
				&& !reviewed.updatedOn().equals(current.updatedOn())) {
			changed.add("updatedOn");
		}
		return String.join(", ", changed);
	}

	/**
	 * Re-creates a removed assignment exactly as it was reviewed.
	 */
	Item regrant(UUID reviewId, UUID itemId, String actor) {
		return this.transactions.execute((status) -> {
			StoredItem item = this.store.findItem(reviewId, itemId, true)
				.orElseThrow(() -> ApiException.notFound("Review item", itemId.toString()));
			if (item.item().applyResult() != ApplyResult.APPLIED_SUCCESSFULLY) {
				throw ApiException.conflict("Only an assignment this service removed can be re-granted");
			}
			if (item.item().regrantedAt() != null) {
				throw ApiException.conflict("The assignment was already re-granted at " + item.item().regrantedAt());
			}
			RoleAssignment created;
			try {
				created = this.azure.create(item.assignment(), item.subscriptionId());
			}
			catch (AzureCallException ex) {
				ProblemType type = (ex.readReason() == ReadFailure.Reason.ERROR
						|| ex.readReason() == ReadFailure.Reason.NOT_FOUND) ? ProblemType.CONFLICT
								: ProblemType.SERVICE_UNAVAILABLE;
				throw new ApiException(type, "Azure refused to re-create the assignment: " + ex.getMessage());
			}
			Instant now = this.clock.instant();
			this.store.recordRegrant(itemId, actor, now);
			this.store.appendEvent(itemId, now, "REGRANT", actor, "REGRANTED", "Re-created " + created.id(), null,
					created);
			return this.store.findItem(reviewId, itemId, false).orElseThrow().item();
		});
	}

	private static ApplyOutcome outcome(Item item, ApplyResult result, String detail) {
		return new ApplyOutcome(item.id(), item.assignmentId(), item.principalId(), item.roleName(), result, detail);
	}

	private static String reason(AzureCallException ex) {
		return String.valueOf(ex.readReason());
	}

	private static boolean equalsIgnoreCase(@Nullable String a, @Nullable String b) {
		return (a == null) ? b == null : a.equalsIgnoreCase(b);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * The outcome of the pre-delete checks.
	 *
	 * @param result a result that stops the removal, or {@code null} to go ahead
	 * @param detail why
	 * @param current the assignment as re-read, when it was
	 */
	private record Check(@Nullable ApplyResult result, @Nullable String detail, @Nullable RoleAssignment current) {
	}

}
