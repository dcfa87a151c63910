package io.amlwarden.access;

import java.util.List;
import java.util.Set;

import io.amlwarden.inventory.Principal;
import io.amlwarden.inventory.RoleAssignment;
import io.amlwarden.inventory.RoleDefinition;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation of one role assignment that reaches one or more workspaces.
 *
 * @param assignment the assignment as read
 * @param role its role definition, {@code null} when not in the snapshot
 * @param principal the resolved principal, {@code null} when not resolved
 * @param principalState where the principal stands in the directory
 * @param breakGlass whether the principal is a configured break-glass account
 * @param subscriptionId the subscription of the first workspace it reaches (routes ARM
 * calls for management-group assignments)
 * @param workspaceIds the workspaces it reaches
 * @param signals the signals raised
 * @param evaluated the signals that could be evaluated (raised or not); the rest were
 * unknown for lack of data
 * @param recommendation what the item proposes
 * @param reason why
 */
record AssignmentAssessment(RoleAssignment assignment, @Nullable RoleDefinition role, @Nullable Principal principal,
		PrincipalState principalState, boolean breakGlass, String subscriptionId, List<String> workspaceIds,
		List<SignalHit> signals, Set<Signal> evaluated, Recommendation recommendation, String reason) {

	AssignmentAssessment {
		workspaceIds = List.copyOf(workspaceIds);
		signals = List.copyOf(signals);
		evaluated = Set.copyOf(evaluated);
	}

	boolean has(Signal signal) {
		return this.signals.stream().anyMatch((hit) -> hit.signal() == signal);
	}

	@Nullable String roleName() {
		return (this.role != null) ? this.role.roleName() : null;
	}

}
