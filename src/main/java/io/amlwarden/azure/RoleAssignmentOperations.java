package io.amlwarden.azure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.Context;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.Principal;
import io.amlwarden.inventory.RoleAssignment;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Reads, deletes and re-creates single role assignments through ARM
 * ({@code Microsoft.Authorization/roleAssignments}, api {@code 2022-04-01}), reads the
 * assignments a subscription inherits from management groups, and checks one principal in
 * Microsoft Graph right before an assignment to it is removed. Access reviews use it to
 * apply decisions; nothing here is cached, because every call must see Azure as it is
 * now.
 * <p>
 * ARM routes every call through a subscription's pipeline; assignments at
 * management-group scope carry no subscription in their id, so callers name the
 * subscription to route through.
 */
@Service
public class RoleAssignmentOperations {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ArmRequests arm;

	private final DirectoryLookup directory;

	RoleAssignmentOperations(AzureClients clients) {
		this.arm = new ArmRequests(clients);
		this.directory = new DirectoryLookup(clients);
	}

	/**
	 * Reads one assignment as it is now.
	 * @param assignmentId the assignment's ARM id
	 * @param routingSubscription the subscription whose pipeline carries the call
	 * @return the assignment, or empty when ARM says it does not exist
	 * @throws AzureCallException when the read fails for any other reason
	 */
	public Optional<RoleAssignment> read(String assignmentId, String routingSubscription) {
		try {
			return Optional.of(InventoryMapper.roleAssignment(this.arm.get(route(assignmentId, routingSubscription),
					assignmentId, ArmRequests.AUTHORIZATION_API, Context.NONE)));
		}
		catch (AzureCallException ex) {
			if (ex.reason() == AzureCallException.Reason.NOT_FOUND) {
				return Optional.empty();
			}
			throw failed("read " + assignmentId, assignmentId, ex);
		}
		catch (RuntimeException ex) {
			throw failed("read " + assignmentId, assignmentId, ex);
		}
	}

	/**
	 * Deletes one assignment. ARM answers {@code 200} with the deleted assignment, or
	 * {@code 204} when there was nothing to delete.
	 * @param assignmentId the assignment's ARM id
	 * @param routingSubscription the subscription whose pipeline carries the call
	 * @return whether an assignment was deleted ({@code false}: it was already gone)
	 * @throws AzureCallException when the delete fails
	 */
	public boolean delete(String assignmentId, String routingSubscription) {
		try {
			ArmRequests.Result result = this.arm.send(route(assignmentId, routingSubscription), HttpMethod.DELETE,
					this.arm.url(assignmentId, ArmRequests.AUTHORIZATION_API), null, Context.NONE);
			return result.status() == 200;
		}
		catch (AzureCallException ex) {
			if (ex.reason() == AzureCallException.Reason.NOT_FOUND) {
				return false;
			}
			throw failed("delete " + assignmentId, assignmentId, ex);
		}
		catch (RuntimeException ex) {
			throw failed("delete " + assignmentId, assignmentId, ex);
		}
	}

	/**
	 * Re-creates an assignment under its original name (ARM accepts a deleted
	 * assignment's GUID again), with the same role, principal, scope and ABAC condition.
	 * @param assignment the assignment as it was before it was removed
	 * @param routingSubscription the subscription whose pipeline carries the call
	 * @return the assignment ARM created
	 * @throws AzureCallException when ARM refuses (e.g. the principal no longer exists)
	 * or the call fails
	 */
	public RoleAssignment create(RoleAssignment assignment, String routingSubscription) {
		String id = assignment.scope().replaceAll("/+$", "") + "/providers/Microsoft.Authorization/roleAssignments/"
				+ assignment.name();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("roleDefinitionId", assignment.roleDefinitionId());
		properties.put("principalId", assignment.principalId());
		if (assignment.principalType() != null) {
			properties.put("principalType", assignment.principalType());
		}
		if (assignment.condition() != null && !assignment.condition().isBlank()) {
			properties.put("condition", assignment.condition());
			properties.put("conditionVersion",
					(assignment.conditionVersion() != null) ? assignment.conditionVersion() : "2.0");
		}
		if (assignment.description() != null) {
			properties.put("description", assignment.description());
		}
		if (assignment.delegatedManagedIdentityResourceId() != null) {
			properties.put("delegatedManagedIdentityResourceId", assignment.delegatedManagedIdentityResourceId());
		}
		byte[] body = JSON.writeValueAsString(Map.of("properties", properties)).getBytes(StandardCharsets.UTF_8);
		try {
			ArmRequests.Result result = this.arm.send(route(id, routingSubscription), HttpMethod.PUT,
					this.arm.url(id, ArmRequests.AUTHORIZATION_API), body, Context.NONE);
			return InventoryMapper.roleAssignment(Json.asMap(result.body()));
		}
		catch (RuntimeException ex) {
			throw failed("create " + id, id, ex);
		}
	}

	/**
	 * The assignments a subscription inherits from management groups (and the tenant
	 * root), read through ARM's subscription-scope listing, which returns assignments at,
	 * above and below the scope. Resource Graph does not return them for a subscription
	 * query, so this is the only place they come from.
	 * @param subscriptionId the subscription
	 * @return assignments whose scope is a management group or {@code /}
	 * @throws AzureCallException when the listing fails (e.g. 403: the management group
	 * is not readable to the service)
	 */
	public List<RoleAssignment> inheritedFromManagementGroups(String subscriptionId) {
		String path = "/subscriptions/" + subscriptionId + "/providers/Microsoft.Authorization/roleAssignments";
		try {
			List<RoleAssignment> inherited = new ArrayList<>();
			for (Map<String, Object> row : this.arm.listAll(subscriptionId, path, ArmRequests.AUTHORIZATION_API,
					Context.NONE)) {
				RoleAssignment assignment = InventoryMapper.roleAssignment(row);
				String scope = ArmIds.key(assignment.scope());
				if (scope != null && ("/".equals(assignment.scope())
						|| scope.startsWith("/providers/microsoft.management/managementgroups/"))) {
					inherited.add(assignment);
				}
			}
			return inherited;
		}
		catch (RuntimeException ex) {
			throw failed("list inherited role assignments of " + subscriptionId, path, ex);
		}
	}

	/**
	 * Where a principal stands in the directory right now: an active object, a
	 * soft-deleted one (in {@code directory/deletedItems}, restorable), or gone.
	 * @param objectId the principal's object id
	 * @return the state
	 * @throws AzureCallException when Microsoft Graph cannot answer; callers fail closed
	 */
	public PrincipalState principalState(String objectId) {
		try {
			List<Principal> resolved = this.directory.resolve(Set.of(objectId), Context.NONE);
			Principal principal = resolved.isEmpty() ? null : resolved.get(0);
			if (principal == null) {
				return PrincipalState.GONE;
			}
			if (!principal.deleted()) {
				return PrincipalState.ACTIVE;
			}
			// DirectoryLookup answers a Graph 404 on deletedItems with an empty
			// principal.
			return (principal.type() != null || principal.displayName() != null) ? PrincipalState.SOFT_DELETED
					: PrincipalState.GONE;
		}
		catch (RuntimeException ex) {
			throw failed("look up principal " + objectId, "/directoryObjects/" + objectId.toLowerCase(Locale.ROOT), ex);
		}
	}

	/**
	 * Whether a principal belongs to a group, directly or through nested groups, as
	 * Microsoft Graph sees it now.
	 * @param principalId the member's object id
	 * @param groupId the group's object id
	 * @return whether it is a member
	 * @throws AzureCallException when Microsoft Graph cannot answer; callers fail closed
	 */
	public boolean isMemberOfGroup(String principalId, String groupId) {
		try {
			return this.directory.isTransitiveMember(principalId, groupId, Context.NONE);
		}
		catch (RuntimeException ex) {
			throw failed("check membership of " + principalId + " in group " + groupId,
					"/groups/" + groupId.toLowerCase(Locale.ROOT), ex);
		}
	}

	private static String route(String id, String routingSubscription) {
		String subscription = ArmIds.subscriptionOf(id);
		return (subscription != null) ? subscription : routingSubscription;
	}

	private static AzureCallException failed(String operation, String resourceId, RuntimeException ex) {
		return AzureCallException.failed(operation, resourceId, "roleAssignment", ex);
	}

	/**
	 * A principal's state in the directory.
	 */
	public enum PrincipalState {

		/** Resolvable through {@code directoryObjects/getByIds}. */
		ACTIVE,

		/** Only in {@code directory/deletedItems}: may still be restored. */
		SOFT_DELETED,

		/** Neither: deleted for good. */
		GONE

	}

}
