package io.amlwarden.access;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.amlwarden.api.ApiException;
import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.StrongETag;
import io.amlwarden.security.CallerIdentity;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Validated
@RequestMapping(path = "/api/v1/access-reviews", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Access reviews",
		description = "RBAC least-privilege signals, review campaigns, decisions and their safe application")
class AccessReviewController {

	private final ReviewService campaigns;

	private final ReviewApplyService applier;

	private final ReviewStore store;

	private final SignalScanService scanner;

	AccessReviewController(ReviewService campaigns, ReviewApplyService applier, ReviewStore store,
			SignalScanService scanner) {
		this.campaigns = campaigns;
		this.applier = applier;
		this.store = store;
		this.scanner = scanner;
	}

	@PostMapping(path = "/definitions", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.ADMIN)
	@Operation(operationId = "createReviewDefinition",
			summary = "Create a review definition (scope, reviewers, recurrence, duration, defaults, safety cap)")
	ResponseEntity<Definition> createDefinition(@Valid @RequestBody DefinitionRequest body,
			HttpServletRequest request) {
		Definition created = this.campaigns.createDefinition(body, CallerIdentity.of(request).principalId());
		return ResponseEntity.created(location("/api/v1/access-reviews/definitions/{id}", created.id())).body(created);
	}

	@GetMapping("/definitions")
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listReviewDefinitions", summary = "List review definitions")
	PageResponse<Definition> definitions(@Valid @ParameterObject PageQuery page) {
		return this.store.listDefinitions(page);
	}

	@GetMapping("/definitions/{id}")
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getReviewDefinition", summary = "Show a review definition")
	Definition definition(@PathVariable UUID id) {
		return this.campaigns.definition(id);
	}

	@PostMapping("/definitions/{id}/instances")
	@RequiresRole(WardenRole.ADMIN)
	@Operation(operationId = "openReviewInstance",
			summary = "Open an instance of a definition now: snapshot the assignments in scope as items")
	ResponseEntity<Instance> open(@PathVariable UUID id, HttpServletRequest request) {
		Instance instance = this.campaigns.open(id, CallerIdentity.of(request).principalId());
		return ResponseEntity.created(location("/api/v1/access-reviews/instances/{id}", instance.id())).body(instance);
	}

	@GetMapping("/instances")
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listReviewInstances", summary = "List review instances")
	PageResponse<Instance> instances(@RequestParam(required = false) @Nullable UUID definitionId,
			@RequestParam(required = false) @Nullable InstanceStatus status, @Valid @ParameterObject PageQuery page) {
		return this.store.listInstances(definitionId, status, page);
	}

	@GetMapping("/instances/{id}")
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getReviewInstance",
			summary = "Show a review instance with its decision and application counts")
	Instance instance(@PathVariable UUID id) {
		return this.campaigns.instance(id);
	}

	@GetMapping("/instances/{id}/items")
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listReviewItems",
			summary = "List the items of an instance, with their signals, recommendation, decision and result")
	PageResponse<Item> items(@PathVariable UUID id,
			@Parameter(description = "APPROVE, DENY, DONT_KNOW or NONE (undecided)") @RequestParam(
					required = false) @Nullable @Pattern(regexp = "APPROVE|DENY|DONT_KNOW|NONE") String decision,
			@Parameter(description = "A signal's check id, e.g. rbac-owner-at-subscription") @RequestParam(
					required = false) @Nullable String signal,
			@Parameter(description = "User, Group, ServicePrincipal, ForeignGroup, Device") @RequestParam(
					required = false) @Nullable @Pattern(regexp = "[A-Za-z]{1,32}") String principalType,
			@RequestParam(required = false) @Nullable Recommendation recommendation,
			@RequestParam(required = false) @Nullable ApplyResult applyResult, @Valid @ParameterObject PageQuery page) {
		this.campaigns.instance(id);
		String checkId = null;
		if (signal != null) {
			checkId = Signal.parse(signal)
				.orElseThrow(() -> ApiException.badRequest("Unknown signal '" + signal + "'"))
				.checkId();
		}
		return this.store.listItems(id,
				new ReviewStore.ItemFilter(decision, checkId, principalType, recommendation, applyResult), page);
	}

	@GetMapping("/instances/{id}/items/{itemId}")
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getReviewItem",
			summary = "Show an item with its history of decisions, application and re-grant")
	ItemDetail item(@PathVariable UUID id, @PathVariable UUID itemId) {
		Item item = this.store.findItem(id, itemId, false)
			.orElseThrow(() -> ApiException.notFound("Review item", itemId.toString()))
			.item();
		return new ItemDetail(item, this.store.events(itemId));
	}

	@PutMapping(path = "/instances/{id}/items/{itemId}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.REVIEWER)
	@Operation(operationId = "decideReviewItem",
			summary = "Decide on an item (Approve, Deny, DontKnow); changeable until the instance closes")
	Item decide(@PathVariable UUID id, @PathVariable UUID itemId, @Valid @RequestBody DecisionRequest body,
			HttpServletRequest request) {
		return this.campaigns.decide(id, itemId, body.decision(), body.justification(),
				CallerIdentity.of(request).principalId());
	}

	@PostMapping(path = "/instances/{id}/decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.REVIEWER)
	@Operation(operationId = "decideReviewItems", summary = "Decide on several items at once; each gets its own result")
	BulkDecisionResponse decideAll(@PathVariable UUID id, @Valid @RequestBody BulkDecisionRequest body,
			HttpServletRequest request) {
		return new BulkDecisionResponse(
				this.campaigns.decideAll(id, body.decisions(), CallerIdentity.of(request).principalId()));
	}

	@PostMapping("/instances/{id}/close")
	@RequiresRole(WardenRole.ADMIN)
	@Operation(operationId = "closeReviewInstance",
			summary = "Close an instance now, applying the default decision to undecided items")
	Instance close(@PathVariable UUID id, HttpServletRequest request) {
		return this.campaigns.close(id, CallerIdentity.of(request).principalId());
	}

	@PostMapping("/instances/{id}/apply")
	@RequiresRole(WardenRole.ADMIN)
	@Operation(operationId = "applyReviewInstance",
			summary = "Apply the denials of a closed instance; dryRun=true shows exactly what would happen")
	ApplyReport apply(@PathVariable UUID id, @RequestParam(defaultValue = "true") boolean dryRun,
			HttpServletRequest request) {
		return this.applier.apply(id, dryRun, CallerIdentity.of(request).principalId());
	}

	@PostMapping("/instances/{id}/items/{itemId}/regrant")
	@RequiresRole(WardenRole.ADMIN)
	@Operation(operationId = "regrantReviewItem",
			summary = "Re-create an assignment this service removed, exactly as it was reviewed")
	Item regrant(@PathVariable UUID id, @PathVariable UUID itemId, HttpServletRequest request) {
		return this.applier.regrant(id, itemId, CallerIdentity.of(request).principalId());
	}

	@PostMapping(path = "/signal-scans", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.OPERATOR)
	@Operation(operationId = "startSignalScan",
			summary = "Evaluate the least-privilege signals over a scope now and record them as findings")
	ResponseEntity<SignalScanResult> scan(@Valid @RequestBody SignalScanRequest body) {
		SignalScanService.Result result = this.scanner.scan(body.scope().toInventoryScope());
		Map<String, Integer> counts = new TreeMap<>();
		result.assessments()
			.forEach((a) -> a.signals().forEach((hit) -> counts.merge(hit.signal().checkId(), 1, Integer::sum)));
		return ResponseEntity.status(HttpStatus.OK)
			.body(new SignalScanResult(result.assessments().size(), counts, result.collected().complete(),
					result.collected().complete() ? null : result.collected().coverageNote(),
					result.ledger().opened() + result.ledger().regressed(), result.ledger().resolved()));
	}

	private static java.net.URI location(String path, UUID id) {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).buildAndExpand(id).toUri();
	}

}
