package io.amlwarden.rotation;

import java.net.URI;
import java.util.UUID;

import io.amlwarden.api.PageQuery;
import io.amlwarden.api.PageResponse;
import io.amlwarden.api.ETags;
import io.amlwarden.api.StrongETag;
import io.amlwarden.security.CallerIdentity;
import io.amlwarden.security.RequiresRole;
import io.amlwarden.security.WardenRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/rotation-policies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Rotation", description = "Key rotation policies, plans, rotations, history and keys")
class PolicyController {

	private final PolicyService policies;

	private final PlanService plans;

	private final ETags etags;

	PolicyController(PolicyService policies, PlanService plans, ETags etags) {
		this.policies = policies;
		this.plans = plans;
		this.etags = etags;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.OPERATOR)
	@Operation(operationId = "createRotationPolicy",
			summary = "Create a rotation policy for a key or for a workspace's customer-managed key; "
					+ "without approvalRequired=true only an Admin may (unless warden.rotation.approval=never)")
	ResponseEntity<PolicyView> create(@Valid @RequestBody PolicyRequest request, HttpServletRequest http) {
		PolicyView created = this.policies.create(request, CallerIdentity.of(http));
		return ResponseEntity.created(URI.create("/api/v1/rotation-policies/" + created.id())).body(created);
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresRole(WardenRole.OPERATOR)
	@StrongETag
	@Operation(operationId = "replaceRotationPolicy",
			summary = "Replace a rotation policy; If-Match must carry the ETag of the policy as read (412 when it "
					+ "changed since, 428 without If-Match)")
	PolicyView update(@PathVariable UUID id, @Valid @RequestBody PolicyRequest request,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch, HttpServletRequest http) {
		// A replacement built from an old copy would silently undo a concurrent change.
		PolicyView current = this.policies.get(id);
		this.etags.checkIfMatch(ifMatch, current, true);
		return this.policies.update(id, request, current.version(), CallerIdentity.of(http));
	}

	@DeleteMapping("/{id}")
	@RequiresRole(WardenRole.OPERATOR)
	@Operation(operationId = "deleteRotationPolicy",
			summary = "Delete a rotation policy; its schedule stops and its history stays. "
					+ "A policy that requires approval only an Admin may delete (unless warden.rotation.approval=never)")
	ResponseEntity<Void> delete(@PathVariable UUID id, HttpServletRequest http) {
		this.policies.delete(id, CallerIdentity.of(http));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}")
	@StrongETag
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "getRotationPolicy", summary = "Show a rotation policy with its next due time and why")
	PolicyView get(@PathVariable UUID id) {
		return this.policies.get(id);
	}

	@GetMapping
	@RequiresRole(WardenRole.READER)
	@Operation(operationId = "listRotationPolicies", summary = "List rotation policies, newest first")
	PageResponse<PolicyView> list(@Valid @ParameterObject PageQuery page) {
		return this.policies.list(page);
	}

	@PostMapping("/{id}/plan")
	@RequiresRole(WardenRole.OPERATOR)
	@Operation(operationId = "planPolicyRotation",
			summary = "Plan (dry run) the next rotation of a policy's key: dependents, checks and blockers")
	ResponseEntity<PlanView> plan(@PathVariable UUID id, HttpServletRequest http) {
		Policy policy = this.policies.find(id);
		PlanView plan = this.plans.planForPolicy(policy, CallerIdentity.of(http).principalId());
		return ResponseEntity.created(URI.create("/api/v1/rotations/plans/" + plan.id())).body(plan);
	}

}
