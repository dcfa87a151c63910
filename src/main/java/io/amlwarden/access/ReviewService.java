package io.amlwarden.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.amlwarden.access.ReviewStore.StoredItem;
import io.amlwarden.api.ApiException;
import io.amlwarden.api.ProblemType;
import io.amlwarden.azure.AzureCallException;
import io.amlwarden.azure.RoleAssignmentOperations;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.notifications.Notifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review campaigns: definitions, instances opened on demand or on schedule (each a
 * snapshot of the assignments in scope with their signals and recommendation), reviewer
 * decisions, and closing (by an admin, or on timeout with the default decision).
 */
@Service
class ReviewService {

	/** The actor recorded for what the service does on its own. */
	static final String SYSTEM = "system:aml-warden";

	private static final Logger logger = LoggerFactory.getLogger(ReviewService.class);

	private static final Duration MIN_DURATION = Duration.ofHours(1);

	private static final Duration MAX_DURATION = Duration.ofDays(365);

	private static final Duration MIN_RECURRENCE = Duration.ofDays(1);

	private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(15);

	private final ReviewStore store;

	private final AccessInventoryService inventory;

	private final SignalScanService scanner;

	private final AccessProperties properties;

	private final Notifier notifier;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final RoleAssignmentOperations directory;

	ReviewService(ReviewStore store, AccessInventoryService inventory, SignalScanService scanner,
			AccessProperties properties, Notifier notifier, TransactionTemplate transactions, Clock clock,
			RoleAssignmentOperations directory) {
		this.directory = directory;
		this.store = store;
		this.inventory = inventory;
		this.scanner = scanner;
		this.properties = properties;
		this.notifier = notifier;
		this.transactions = transactions;
		this.clock = clock;
	}

	// ---- definitions ---------------------------------------------------------------

	Definition createDefinition(DefinitionRequest request, String createdBy) {
		if (request.duration().compareTo(MIN_DURATION) < 0 || request.duration().compareTo(MAX_DURATION) > 0) {
			throw ApiException.badRequest("duration must be between PT1H and P365D");
		}
		if (request.recurrence() != null && request.recurrence().compareTo(MIN_RECURRENCE) < 0) {
			throw ApiException.badRequest("recurrence must be at least P1D");
		}
		if (request.reviewers().mode() == ReviewerMode.NAMED && request.reviewers().principalIds().isEmpty()) {
			throw ApiException.badRequest("reviewers.principalIds must name at least one reviewer for mode NAMED");
		}
		double ceiling = this.properties.maxRemovalShare();
		double share = (request.maxRemovalShare() != null) ? request.maxRemovalShare() : ceiling;
		if (share > ceiling) {
			throw ApiException.badRequest("maxRemovalShare may not exceed the service ceiling of " + ceiling);
		}
		for (String workspace : request.scope().workspaceIds()) {
			if (ArmIds.subscriptionOf(workspace) == null) {
				throw ApiException.badRequest("scope.workspaceIds must be ARM ids: " + workspace);
			}
		}
		Instant now = this.clock.instant();
		Definition definition = new Definition(UUID.randomUUID(), request.name(), request.description(),
				request.scope(), request.reviewers(), request.recurrence(), request.duration(),
				request.defaultDecision(), request.autoApply(), request.justificationRequired(), share,
				(request.recurrence() != null) ? now : null, now, createdBy);
		this.store.insertDefinition(definition);
		return definition;
	}

	Definition definition(UUID id) {
		return this.store.findDefinition(id)
			.orElseThrow(() -> ApiException.notFound("Review definition", id.toString()));
	}

	// ---- instances -----------------------------------------------------------------

	/**
	 * Opens an instance: collects the scope, evaluates the signals, records them as
	 * findings, and snapshots every assignment in scope as an item.
	 */
	Instance open(UUID definitionId, String openedBy) {
		Definition definition = definition(definitionId);
		AccessInventoryService.Collected collected = this.inventory.collect(definition.scope().toInventoryScope());
		List<AssignmentAssessment> assessments = this.scanner.evaluate(collected);
		UUID id = UUID.randomUUID();
		this.scanner.record(id, definition.scope().toInventoryScope(), collected, assessments);
		Map<String, Set<String>> owners = workspaceOwners(assessments);
		Instant now = this.clock.instant();
		Instant due = now.plus(definition.duration());
		this.transactions.executeWithoutResult((status) -> {
			this.store.insertInstance(id, definitionId, now, openedBy, due, assessments.size(), !collected.complete(),
					collected.complete() ? null : collected.coverageNote());
			for (AssignmentAssessment assessment : assessments) {
				this.store.insertItem(UUID.randomUUID(), id, assessment, reviewers(definition, assessment, owners));
			}
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("reviewId", id.toString());
			data.put("definitionId", definitionId.toString());
			data.put("name", definition.name());
			data.put("items", assessments.size());
			data.put("dueAt", due.toString());
			this.notifier.publish("access-review.opened", id.toString(), data);
		});
		logger.info("Opened access review {} of '{}' with {} item(s), due {}", id, definition.name(),
				assessments.size(), due);
		return instance(id);
	}

	Instance instance(UUID id) {
		return this.store.findInstance(id).orElseThrow(() -> ApiException.notFound("Access review", id.toString()));
	}

	/**
	 * Opens the next due scheduled instance, if any.
	 * @return the instance opened
	 */
	Optional<Instance> openNextDue() {
		Instant now = this.clock.instant();
		// Advance the schedule in the claiming transaction, so no other replica opens the
		// same period; collecting happens after, outside any transaction.
		Definition due = this.transactions.execute((status) -> {
			Optional<Definition> claimed = this.store.claimDueDefinition(now);
			claimed.ifPresent((d) -> this.store.setNextRun(d.id(), now.plus(d.recurrence())));
			return claimed.orElse(null);
		});
		if (due == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(open(due.id(), SYSTEM));
		}
		catch (RuntimeException ex) {
			logger.error("Could not open scheduled access review of definition {}; retrying in {}", due.id(),
					RETRY_AFTER_FAILURE, ex);
			this.store.setNextRun(due.id(), now.plus(RETRY_AFTER_FAILURE));
			return Optional.empty();
		}
	}

	// ---- decisions -----------------------------------------------------------------

	Item decide(UUID reviewId, UUID itemId, Decision decision, @Nullable String justification, String caller) {
		// Asked before the transaction: a Graph round trip must not hold the review's
		// lock.
		this.store.findItem(reviewId, itemId, false)
			.ifPresent((stored) -> refuseMemberOfAssignedGroup(stored.item(), caller));
		return this.transactions.execute((status) -> {
			Instance instance = this.store.lockInstance(reviewId, false)
				.orElseThrow(() -> ApiException.notFound("Access review", reviewId.toString()));
			if (instance.status() != InstanceStatus.OPEN) {
				throw ApiException.conflict(
						"The review is " + instance.status() + "; decisions can only change while " + "it is open");
			}
			Definition definition = definition(instance.definitionId());
			StoredItem item = this.store.findItem(reviewId, itemId, true)
				.orElseThrow(() -> ApiException.notFound("Review item", itemId.toString()));
			if (item.item().principalId().equalsIgnoreCase(caller)) {
				throw new ApiException(ProblemType.FORBIDDEN, "Nobody may decide on their own role assignment");
			}
			if (!item.reviewerIds().isEmpty()
					&& item.reviewerIds().stream().noneMatch((reviewer) -> reviewer.equalsIgnoreCase(caller))) {
				throw new ApiException(ProblemType.FORBIDDEN, "You are not a reviewer of this item");
			}
			String text = (justification != null && !justification.isBlank()) ? justification.trim() : null;
			if (definition.justificationRequired() && text == null) {
				throw ApiException.badRequest("This review requires a justification with every decision");
			}
			Instant now = this.clock.instant();
			Decision before = item.item().decision();
			this.store.decide(itemId, decision, text, caller, now);
			this.store.appendEvent(itemId, now, "DECISION", caller, decision.name(), text,
					(before != null) ? Map.of("decision", before.name()) : null, Map.of("decision", decision.name()));
			return this.store.findItem(reviewId, itemId, false).orElseThrow().item();
		});
	}

	/**
	 * Nobody decides on access they hold themselves, also when it reaches them through a
	 * group: Microsoft Graph is asked whether the caller belongs to the assigned group,
	 * directly or through nested groups. When Graph cannot answer, the decision is
	 * refused for now (fail closed) rather than taken unchecked.
	 */
	private void refuseMemberOfAssignedGroup(Item item, String caller) {
		if (!"group".equalsIgnoreCase(item.principalType())) {
			return;
		}
		boolean member;
		try {
			member = this.directory.isMemberOfGroup(caller, item.principalId());
		}
		catch (AzureCallException ex) {
			throw new ApiException(ProblemType.SERVICE_UNAVAILABLE,
					"Could not check with Microsoft Graph whether you belong to the group this assignment is for; "
							+ "try again later");
		}
		if (member) {
			throw new ApiException(ProblemType.FORBIDDEN, "You belong to the group this assignment is for (directly "
					+ "or through nested groups); nobody may decide on their own access");
		}
	}

	List<BulkDecisionResult> decideAll(UUID reviewId, List<BulkDecision> decisions, String caller) {
		instance(reviewId);
		List<BulkDecisionResult> results = new ArrayList<>();
		for (BulkDecision decision : decisions) {
			try {
				decide(reviewId, decision.itemId(), decision.decision(), decision.justification(), caller);
				results.add(new BulkDecisionResult(decision.itemId(), 200, null, null));
			}
			catch (ApiException ex) {
				results.add(new BulkDecisionResult(decision.itemId(), ex.problemType().status().value(),
						ex.problemType().type().toString(), ex.getMessage()));
			}
		}
		return results;
	}

	// ---- closing -------------------------------------------------------------------

	/**
	 * Closes an open instance, applying the definition's default decision to what is
	 * still undecided.
	 */
	Instance close(UUID reviewId, String actor) {
		this.transactions.executeWithoutResult((status) -> {
			Instance instance = this.store.lockInstance(reviewId, true)
				.orElseThrow(() -> ApiException.notFound("Access review", reviewId.toString()));
			if (instance.status() != InstanceStatus.OPEN) {
				throw ApiException.conflict("The review is already " + instance.status());
			}
			closeLocked(instance, actor);
		});
		return instance(reviewId);
	}

	/**
	 * Closes the next overdue instance, if any.
	 * @return the instance closed
	 */
	Optional<UUID> closeNextOverdue() {
		return Optional.ofNullable(this.transactions.execute((status) -> {
			Optional<UUID> overdue = this.store.claimInstance("status = 'OPEN' AND due_at <= ?", this.clock.instant());
			overdue.ifPresent((id) -> closeLocked(this.store.findInstance(id).orElseThrow(), SYSTEM));
			return overdue.orElse(null);
		}));
	}

	/**
	 * Sends the "about to time out" notice for the next instance due within the warning
	 * window, once per instance.
	 */
	Optional<UUID> warnNextDue() {
		return Optional.ofNullable(this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			Optional<UUID> due = this.store.claimInstance("status = 'OPEN' AND warned_at IS NULL AND due_at <= ?",
					now.plus(this.properties.timeoutWarning()));
			due.ifPresent((id) -> {
				Instance instance = this.store.findInstance(id).orElseThrow();
				this.store.markWarned(id, now);
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("reviewId", id.toString());
				data.put("dueAt", instance.dueAt().toString());
				data.put("undecided", instance.progress().undecided());
				this.notifier.publish("access-review.timeout-approaching", id.toString(), data);
			});
			return due.orElse(null);
		}));
	}

	private void closeLocked(Instance instance, String actor) {
		Definition definition = definition(instance.definitionId());
		Instant now = this.clock.instant();
		int defaulted = 0;
		if (definition.defaultDecision() != DefaultDecision.NONE) {
			for (StoredItem item : this.store.undecidedItems(instance.id())) {
				Decision decision = defaultFor(definition.defaultDecision(), item.item().recommendation());
				if (decision == null) {
					continue;
				}
				String why = "Default decision " + definition.defaultDecision() + " on close";
				this.store.decide(item.item().id(), decision, why, SYSTEM, now);
				this.store.appendEvent(item.item().id(), now, "TIMEOUT", actor, decision.name(), why, null,
						Map.of("decision", decision.name()));
				defaulted++;
			}
		}
		this.store.markClosed(instance.id(), now, actor);
		logger.info("Closed access review {} ({} default decision(s))", instance.id(), defaulted);
	}

	static @Nullable Decision defaultFor(DefaultDecision defaultDecision, Recommendation recommendation) {
		return switch (defaultDecision) {
			case NONE -> null;
			case APPROVE -> Decision.APPROVE;
			case DENY -> Decision.DENY;
			case RECOMMENDATION -> switch (recommendation) {
				case KEEP -> Decision.APPROVE;
				case REMOVE -> Decision.DENY;
				case REDUCE_SCOPE -> null;
			};
		};
	}

	// ---- reviewers -----------------------------------------------------------------

	private static List<String> reviewers(Definition definition, AssignmentAssessment assessment,
			Map<String, Set<String>> owners) {
		if (definition.reviewers().mode() == ReviewerMode.NAMED) {
			return definition.reviewers().principalIds();
		}
		Set<String> reviewers = new LinkedHashSet<>();
		for (String workspace : assessment.workspaceIds()) {
			reviewers.addAll(owners.getOrDefault(ArmIds.key(workspace), Set.of()));
		}
		return List.copyOf(reviewers);
	}

	/**
	 * Per workspace, the users holding Owner directly on it or above it (groups cannot be
	 * expanded from a snapshot, so group owners are not listed).
	 */
	private static Map<String, Set<String>> workspaceOwners(List<AssignmentAssessment> assessments) {
		Map<String, Set<String>> owners = new LinkedHashMap<>();
		for (AssignmentAssessment assessment : assessments) {
			RoleAssignment assignment = assessment.assignment();
			if (SignalEvaluator.OWNER.equals(assignment.roleDefinitionGuid())
					&& "user".equalsIgnoreCase(assignment.principalType())
					&& assessment.principalState() == PrincipalState.ACTIVE) {
				for (String workspace : assessment.workspaceIds()) {
					owners.computeIfAbsent(ArmIds.key(workspace), (w) -> new LinkedHashSet<>())
						.add(assignment.principalId().toLowerCase(Locale.ROOT));
				}
			}
		}
		return owners;
	}

}
