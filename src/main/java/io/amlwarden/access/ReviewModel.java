package io.amlwarden.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.amlwarden.inventory.RoleAssignment;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The records of review campaigns: definitions, instances, items and their API shapes.
 */
final class ReviewModel {

	private ReviewModel() {
	}

	/** Who reviews an instance's items. */
	enum ReviewerMode {

		/** The principals listed on the definition. */
		NAMED,

		/**
		 * Whoever holds Owner directly on (or above) the workspace an item reaches, as
		 * seen in the snapshot.
		 */
		WORKSPACE_OWNERS

	}

	/** What an undecided item becomes when its instance times out. */
	enum DefaultDecision {

		/** Nothing: undecided items stay undecided and are never applied. */
		NONE,

		/** Undecided items are approved (kept). */
		APPROVE,

		/** Undecided items are denied (removed on application). */
		DENY,

		/**
		 * Follow the item's recommendation: REMOVE denies, KEEP approves, REDUCE_SCOPE
		 * stays undecided (only a person can pick the narrower grant).
		 */
		RECOMMENDATION

	}

	/** A reviewer's decision. */
	enum Decision {

		APPROVE, DENY, DONT_KNOW

	}

	/** Lifecycle of an instance. */
	enum InstanceStatus {

		OPEN, CLOSED, APPLYING, APPLIED

	}

	/** Entra-style result of applying one item. */
	enum ApplyResult {

		/** The assignment was deleted. */
		APPLIED_SUCCESSFULLY,

		/** There was nothing to delete: the assignment was already gone. */
		APPLIED_BUT_OBJECT_NOT_FOUND,

		/** Deliberately not removed; the detail says why. */
		NOT_APPLIED,

		/** The removal was attempted and failed; the detail carries the error. */
		FAILED

	}

	@Schema(description = "What a review covers")
	record ReviewScope(@NotEmpty @Size(max = 200) List<@NotBlank String> subscriptionIds,
			@Nullable @Size(max = 200) List<@NotBlank String> resourceGroups,
			@Nullable @Size(max = 1000) List<@NotBlank String> workspaceIds) {

		ReviewScope {
			subscriptionIds = List.copyOf(subscriptionIds);
			resourceGroups = (resourceGroups != null) ? List.copyOf(resourceGroups) : List.of();
			workspaceIds = (workspaceIds != null) ? List.copyOf(workspaceIds) : List.of();
		}

		io.amlwarden.inventory.InventoryScope toInventoryScope() {
			return new io.amlwarden.inventory.InventoryScope(
					this.subscriptionIds.stream().map((s) -> s.toLowerCase(Locale.ROOT)).toList(), this.resourceGroups,
					this.workspaceIds);
		}

	}

	@Schema(description = "Who reviews: named principals, or the owners of each item's workspace")
	record Reviewers(@NotNull ReviewerMode mode, @Nullable @Size(max = 100) List<@NotBlank String> principalIds) {

		Reviewers {
			principalIds = (principalIds != null) ? List.copyOf(principalIds) : List.of();
		}

	}

	@Schema(description = "A review definition to create")
	record DefinitionRequest(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 2000) String description,
			@NotNull @Valid ReviewScope scope, @NotNull @Valid Reviewers reviewers,
			@Schema(description = "ISO-8601 period between instances, e.g. P90D; omit for on-demand only",
					example = "P90D") @Nullable Duration recurrence,
			@Schema(description = "How long an instance stays open, e.g. P14D",
					example = "P14D") @NotNull Duration duration,
			@NotNull DefaultDecision defaultDecision, boolean autoApply, boolean justificationRequired,
			@Schema(description = "Largest share of an instance's items one apply run may remove (0..1); defaults "
					+ "to the service ceiling") @Nullable @DecimalMin("0") @DecimalMax("1") Double maxRemovalShare) {
	}

	@Schema(description = "A review definition")
	record Definition(UUID id, String name, @Nullable String description, ReviewScope scope, Reviewers reviewers,
			@Nullable Duration recurrence, Duration duration, DefaultDecision defaultDecision, boolean autoApply,
			boolean justificationRequired, double maxRemovalShare, @Nullable Instant nextRunAt, Instant createdAt,
			String createdBy) {
	}

	@Schema(description = "An instance of a review")
	record Instance(UUID id, UUID definitionId, InstanceStatus status, Instant openedAt, String openedBy, Instant dueAt,
			@Nullable Instant warnedAt, @Nullable Instant closedAt, @Nullable String closedBy,
			@Nullable Instant appliedAt, int itemCount, boolean partial, @Nullable String coverageNote,
			Progress progress) {
	}

	@Schema(description = "Decision and application counts of an instance")
	record Progress(int undecided, int approved, int denied, int dontKnow, int appliedSuccessfully,
			int appliedButObjectNotFound, int notApplied, int failed, int regranted) {
	}

	@Schema(description = "One signal on an item")
	record SignalView(String checkId, @Schema(allowableValues = {
			"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO" }) String severity, String evidence){
	}

	@Schema(description = "One role assignment under review")
	record Item(UUID id, UUID reviewId, String assignmentId, String scope, String roleDefinitionId,
			@Nullable String roleName, String principalId, @Nullable String principalType,
			@Nullable String principalName, PrincipalState principalState, boolean breakGlass, List<SignalView> signals,
			Recommendation recommendation, String reason, List<String> workspaceIds, @Nullable Decision decision,
			@Nullable String justification, @Nullable String decidedBy, @Nullable Instant decidedAt,
			@Nullable ApplyResult applyResult, @Nullable String applyDetail, @Nullable String appliedBy,
			@Nullable Instant appliedAt, @Nullable Instant regrantedAt, @Nullable String regrantedBy) {
	}

	@Schema(description = "One entry of an item's append-only history")
	record ItemEvent(long id, Instant occurredAt, @Schema(allowableValues = {
			"DECISION", "TIMEOUT", "APPLY", "REGRANT" }) String kind, String actor,
			@Schema(description = "The decision taken, the apply result, or REGRANTED") String outcome,
			@Nullable String detail, @Nullable ItemState before, @Nullable ItemState after){
	}

	/**
	 * What an item looked like before or after an event: the decision (decisions and
	 * timeouts), the apply result and whether the assignment still exists (application),
	 * or the role assignment itself (as reviewed before application, as re-created by a
	 * re-grant).
	 */
	@Schema(description = "An item's state before or after an event; only the fields the event concerns are set")
	record ItemState(@Nullable Decision decision, @Nullable ApplyResult result, @Nullable Boolean assignmentExists,
			@Nullable RoleAssignment assignment) {
	}

	@Schema(description = "An item with its history")
	record ItemDetail(Item item, List<ItemEvent> history) {
	}

	@Schema(description = "A reviewer's decision on one item")
	record DecisionRequest(@NotNull Decision decision, @Nullable @Size(max = 2000) String justification) {
	}

	@Schema(description = "One decision of a bulk request")
	record BulkDecision(@NotNull UUID itemId, @NotNull Decision decision,
			@Nullable @Size(max = 2000) String justification) {
	}

	@Schema(description = "Several decisions at once; each succeeds or fails on its own")
	record BulkDecisionRequest(@NotEmpty @Size(max = 500) List<@NotNull @Valid BulkDecision> decisions) {
	}

	@Schema(description = "The outcome of one decision of a bulk request")
	record BulkDecisionResult(UUID itemId, int status, @Nullable String problemType, @Nullable String detail) {
	}

	@Schema(description = "Per-item results of a bulk request")
	record BulkDecisionResponse(List<BulkDecisionResult> results) {
	}

	@Schema(description = "What an apply run did (or, for a dry run, would do) with one denied item")
	record ApplyOutcome(UUID itemId, String assignmentId, String principalId, @Nullable String roleName,
			ApplyResult result, String detail) {
	}

	@Schema(description = "An apply run's report")
	record ApplyReport(UUID reviewId, boolean dryRun, int removalCap, int removed, List<ApplyOutcome> outcomes) {
	}

	@Schema(description = "A scope to evaluate the signals over")
	record SignalScanRequest(@NotNull @Valid ReviewScope scope) {
	}

	@Schema(description = "What a signal scan found")
	record SignalScanResult(int assignments, java.util.Map<String, Integer> signals, boolean complete,
			@Nullable String coverageNote, int findingsOpened, int findingsResolved) {
	}

}
