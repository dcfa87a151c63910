package io.amlwarden.rotation;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.StrongETag;
import io.amlwarden.azure.ArmId;
import io.amlwarden.security.CallerIdentity;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Rotation", description = "Key rotation policies, plans, rotations, history and keys")
class RotationController {

	private final RotationService rotations;

	private final PlanService plans;

	private final KeyListService keys;

	RotationController(RotationService rotations, PlanService plans, KeyListService keys) {
		this.rotations = rotations;
		this.plans = plans;
		this.keys = keys;
	}

	@PostMapping(path = "/rotations/plan", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.OPERATOR)
	@Operation(operationId = "planRotation",
			summary = "Plan (dry run) an on-demand rotation of a key or of a workspace's key")
	ResponseEntity<PlanView> plan(@Valid @RequestBody PlanRequest request, HttpServletRequest http) {
		PlanView plan = this.plans.planOnDemand(request.vaultId(), request.keyName(), request.workspaceId(),
				CallerIdentity.of(http).principalId());
		return ResponseEntity.created(URI.create("/api/v1/rotations/plans/" + plan.id())).body(plan);
	}

	@GetMapping("/rotations/plans/{id}")
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getRotationPlan", summary = "Show a stored plan")
	PlanView getPlan(@PathVariable UUID id) {
		return this.plans.get(id);
	}

	@PostMapping(path = "/rotations", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.OPERATOR)
	@Operation(operationId = "startRotation",
			summary = "Execute a plan; repeat-safe with an Idempotency-Key header. Answers 202 with the rotation")
	ResponseEntity<RotationView> start(@Valid @RequestBody StartRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
			HttpServletRequest http) {
		RotationService.Started started = this.rotations.start(request.planId(), idempotencyKey,
				CallerIdentity.of(http));
		return ResponseEntity.status(started.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
			.location(URI.create("/api/v1/rotations/" + started.rotation().id()))
			.body(started.rotation());
	}

	@PostMapping("/rotations/{id}/approve")
	@RequiresRole(WardenRole.ADMIN)
	@Operation(operationId = "approveRotation",
			summary = "Approve a rotation awaiting approval (an Admin other than the requester)")
	RotationView approve(@PathVariable UUID id, HttpServletRequest http) {
		return this.rotations.approve(id, CallerIdentity.of(http));
	}

	@PostMapping("/rotations/{id}/rollback")
	@RequiresRole(WardenRole.ADMIN)
	@Operation(operationId = "rollbackRotation",
			summary = "Point the rotation's dependents back at the previous key version")
	ResponseEntity<RotationView> rollback(@PathVariable UUID id, HttpServletRequest http) {
		return ResponseEntity.accepted().body(this.rotations.rollback(id, CallerIdentity.of(http)));
	}

	@GetMapping("/rotations/{id}")
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getRotation", summary = "Show a rotation with its per-dependent results and events")
	RotationView get(@PathVariable UUID id) {
		return this.rotations.get(id);
	}

	@GetMapping("/rotations")
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listRotations",
			summary = "Rotation history, newest first, filtered by key, vault, workspace, state, trigger, time")
	PageResponse<RotationView> list(@RequestParam(required = false) @Nullable @Size(max = 1200) String key,
			@RequestParam(required = false) @Nullable @Size(max = 1024) String vault,
			@RequestParam(required = false) @Nullable @Size(max = 1024) String workspace,
			@RequestParam(required = false) Rotation.@Nullable Status state,
			@RequestParam(required = false) Rotation.@Nullable Trigger trigger,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @Valid @ParameterObject PageQuery page) {
		return this.rotations.list(new RotationService.RotationFilter(key, vault, workspace, state, trigger, from, to),
				page);
	}

	@GetMapping("/keys")
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listKeys",
			summary = "Customer-managed keys in scope: age, expiry, last rotation, next due, policy, dependents")
	PageResponse<KeyView> keys(
			@Parameter(description = "Only the keys used by resources of this subscription") @RequestParam(
					required = false) @Nullable @Pattern(regexp = ArmId.SUBSCRIPTION_ID,
							message = "must be a subscription id (GUID)") String subscription,
			@Valid @ParameterObject PageQuery page) {
		return this.keys.keys(page, subscription);
	}

	/**
	 * What to plan an on-demand rotation for: a key, or a workspace's key.
	 *
	 * @param vaultId vault ARM id
	 * @param keyName key name
	 * @param workspaceId workspace ARM id
	 */
	record PlanRequest(
			@Nullable @Size(max = 1024) @Pattern(regexp = ArmId.VAULT_ID,
					message = "must be the ARM id of a Key Vault") String vaultId,
			@Nullable @Pattern(regexp = "[0-9A-Za-z-]{1,127}", message = "must be a Key Vault key name") String keyName,
			@Nullable @Size(max = 1024) @Pattern(regexp = ArmId.WORKSPACE_ID,
					message = "must be the ARM id of a Machine Learning workspace") String workspaceId) {
	}

	/**
	 * Which plan to execute.
	 *
	 * @param planId the plan
	 */
	record StartRequest(@NotNull UUID planId) {
	}

}
