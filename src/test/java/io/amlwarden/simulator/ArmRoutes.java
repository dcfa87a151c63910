package io.amlwarden.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.amlwarden.simulator.AzureSimulator.Request;
import io.amlwarden.simulator.AzureSimulator.Response;

import static io.amlwarden.simulator.SimJson.at;
import static io.amlwarden.simulator.SimJson.map;
import static io.amlwarden.simulator.SimJson.obj;
import static io.amlwarden.simulator.SimJson.str;

/**
 * Azure Resource Manager: GET of resources, lists ({@code nextLink} paging) and child
 * collections, ARM key views, caller permissions; PUT and DELETE of role assignments;
 * PATCH of workspaces (long-running: {@code 202}, {@code Location}, {@code Retry-After})
 * and storage accounts; and, when enforced, ARM's per-subscription read token bucket.
 */
final class ArmRoutes {

	private static final Pattern TYPE_LIST = Pattern.compile(
			"^/subscriptions/([^/]+)(?:/resourcegroups/([^/]+))?/providers/([^/]+)/([^/]+)$", Pattern.CASE_INSENSITIVE);

	private final Map<String, Operation> operations = new ConcurrentHashMap<>();

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final SimState state;

	ArmRoutes(SimState state) {
		this.state = state;
	}

	Response handle(Request request) {
		if (!SimState.authorized(request)) {
			Response response = Response.error(401, "AuthenticationFailed", "Missing bearer token");
			response.headers()
				.put("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/"
						+ this.state.tenantId + "\", error=\"invalid_token\"");
			return response;
		}
		String path = request.path();
		String lower = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
		Matcher sub = SimState.SUBSCRIPTION.matcher(lower);
		String subscription = sub.find() ? sub.group(1) : null;
		if (request.method().equals("GET") && subscription != null && this.state.tokenBucket) {
			Response throttled = take(subscription);
			if (throttled != null) {
				return throttled;
			}
		}
		for (String denied : this.state.forbidden) {
			if (lower.equals(denied) || lower.startsWith(denied + "/")) {
				return Response.error(403, "AuthorizationFailed",
						"The client does not have authorization to perform " + "action over scope '" + path + "'");
			}
		}
		Response response = switch (request.method()) {
			case "GET" -> armGet(request, lower);
			case "PATCH" -> armPatch(request, lower);
			case "PUT" -> armPut(request, lower);
			case "DELETE" -> armDelete(request, lower);
			default -> Response.error(405, "MethodNotAllowed", request.method());
		};
		if (subscription != null && this.state.tokenBucket && request.method().equals("GET")) {
			response.headers()
				.put("x-ms-ratelimit-remaining-subscription-reads", Long.toString((long) bucket(subscription).tokens));
		}
		return response;
	}

	private Response armGet(Request request, String lower) {
		if (lower.endsWith("/providers/microsoft.authorization/permissions")) {
			return callerPermissions(lower);
		}
		if (lower.contains("/workspaceoperationsstatus/")) {
			return pollOperation(lower);
		}
		if (lower.endsWith("/keys") && lower.contains("/providers/microsoft.keyvault/vaults/")) {
			String vaultId = lower.substring(0, lower.length() - "/keys".length());
			if (!this.state.resources.containsKey(vaultId)) {
				return Response.error(404, "ResourceNotFound", "Vault not found");
			}
			List<Object> items = new ArrayList<>();
			String vaultUri = this.state.vaultUri(vaultId);
			this.state.keys.subMap(vaultId + "/keys/", vaultId + "/keys/" + Character.MAX_VALUE)
				.values()
				.forEach((k) -> items.add(k.toArm(vaultUri, null)));
			return page(request, items);
		}
		Matcher keyPath = Pattern
			.compile("^(.*/providers/microsoft.keyvault/vaults/[^/]+)/keys/([^/]+)(/versions(?:/([^/]+))?)?$")
			.matcher(lower);
		if (keyPath.find()) {
			SimKey key = this.state.keys.get(SimKey.key(keyPath.group(1), keyPath.group(2)));
			if (key == null) {
				return Response.error(404, "ResourceNotFound", "Key not found");
			}
			String vaultUri = this.state.vaultUri(keyPath.group(1));
			if (keyPath.group(3) == null) {
				return Response.json(200, key.toArm(vaultUri, null));
			}
			if (keyPath.group(4) != null) {
				SimKey.Version version = key.version(keyPath.group(4));
				return (version != null) ? Response.json(200, key.toArm(vaultUri, version))
						: Response.error(404, "ResourceNotFound", "Version not found");
			}
			List<Object> items = new ArrayList<>();
			key.versions().forEach((v) -> items.add(key.toArm(vaultUri, v)));
			return page(request, items);
		}
		Map<String, Object> resource = this.state.resources.get(lower);
		if (resource != null) {
			return Response.json(200, resource);
		}
		Matcher typeList = TYPE_LIST.matcher(lower);
		if (typeList.find() && !typeList.group(3).equals("microsoft.authorization")) {
			String type = typeList.group(3) + "/" + typeList.group(4);
			String subscription = typeList.group(1);
			String resourceGroup = typeList.group(2);
			if (!this.state.subscriptions.contains(subscription)) {
				return Response.error(404, "SubscriptionNotFound",
						"The subscription '" + subscription + "' could not be found.");
			}
			List<Object> items = new ArrayList<>();
			sorted().forEach((entry) -> {
				String id = entry.getKey();
				if (str(entry.getValue(), "type").equalsIgnoreCase(type)
						&& id.startsWith("/subscriptions/" + subscription + "/")
						&& (resourceGroup == null || id.contains("/resourcegroups/" + resourceGroup + "/"))
						&& !this.state.isForbidden(id)) {
					items.add(entry.getValue());
				}
			});
			if (!items.isEmpty() || type.equals("microsoft.security/pricings") || isKnownProviderType(type)) {
				return page(request, items);
			}
		}
		if (lower.endsWith("/providers/microsoft.authorization/roleassignments")) {
			String scope = lower.substring(0,
					lower.length() - "/providers/microsoft.authorization/roleassignments".length());
			List<Object> items = new ArrayList<>();
			sorted().forEach((entry) -> {
				String assignmentScope = str(entry.getValue(), "properties", "scope");
				if (str(entry.getValue(), "type").equalsIgnoreCase("Microsoft.Authorization/roleAssignments")
						&& assignmentScope != null) {
					String key = assignmentScope.toLowerCase(Locale.ROOT);
					if (key.equals(scope) || key.startsWith(scope + "/") || scope.startsWith(key + "/")
							|| key.equals("/") || inManagementGroup(scope, key)) {
						items.add(entry.getValue());
					}
				}
			});
			return page(request, items);
		}
		if (lower.endsWith("/providers/microsoft.authorization/roledefinitions")) {
			List<Object> items = new ArrayList<>();
			sorted().forEach((entry) -> {
				if (str(entry.getValue(), "type").equalsIgnoreCase("Microsoft.Authorization/roleDefinitions")) {
					items.add(entry.getValue());
				}
			});
			return page(request, items);
		}
		// A child collection: everything exactly one segment below the path.
		List<Object> children = new ArrayList<>();
		String prefix = lower + "/";
		this.state.resources.subMap(prefix, prefix + Character.MAX_VALUE).forEach((id, value) -> {
			if (id.indexOf('/', prefix.length()) < 0) {
				children.add(value);
			}
		});
		// The resource the collection hangs off: ".../computes" or an extension
		// collection such as ".../providers/microsoft.insights/diagnosticsettings".
		String parent = lower.substring(0, lower.lastIndexOf('/'));
		Matcher extension = Pattern.compile("^(.*)/providers/[^/]+$").matcher(parent);
		if (extension.find()) {
			parent = extension.group(1);
		}
		if (!children.isEmpty() || this.state.resources.containsKey(parent)) {
			return page(request, children);
		}
		return Response.error(404, "ResourceNotFound", "The Resource '" + request.path() + "' was not found.");
	}

	private Response callerPermissions(String lower) {
		String scope = lower.substring(0, lower.length() - "/providers/microsoft.authorization/permissions".length());
		if (!this.state.resources.containsKey(scope)
				&& !scope.matches("^/subscriptions/[^/]+(/resourcegroups/[^/]+)?$")) {
			return Response.error(404, "ResourceNotFound", "The Resource '" + scope + "' was not found.");
		}
		List<Map<String, Object>> entries = null;
		int depth = -1;
		for (Map.Entry<String, List<Map<String, Object>>> set : this.state.callerPermissions.entrySet()) {
			if ((scope.equals(set.getKey()) || scope.startsWith(set.getKey() + "/")) && set.getKey().length() > depth) {
				entries = set.getValue();
				depth = set.getKey().length();
			}
		}
		if (entries == null) {
			entries = List.of(map("actions", List.of("*"), "notActions", List.of(), "dataActions",
					List.of("Microsoft.KeyVault/vaults/keys/*"), "notDataActions", List.of()));
		}
		return Response.json(200, map("value", entries));
	}

	private static boolean isKnownProviderType(String type) {
		return Set
			.of("microsoft.machinelearningservices/workspaces", "microsoft.keyvault/vaults",
					"microsoft.storage/storageaccounts", "microsoft.containerregistry/registries",
					"microsoft.insights/components", "microsoft.operationalinsights/workspaces")
			.contains(type);
	}

	private java.util.Collection<Map.Entry<String, Map<String, Object>>> sorted() {
		return this.state.resources.entrySet();
	}

	private Response page(Request request, List<Object> items) {
		int offset = 0;
		String token = request.query().get("$skiptoken");
		if (token != null) {
			offset = Integer.parseInt(token);
		}
		int size = this.state.armPageSize;
		List<Object> page = items.subList(Math.min(offset, items.size()), Math.min(items.size(), offset + size));
		Map<String, Object> body = map("value", page);
		if (offset + size < items.size()) {
			body.put("nextLink", "https://" + this.state.linkHost(request) + request.path() + "?api-version="
					+ request.query().getOrDefault("api-version", "") + "&$skiptoken=" + (offset + size));
		}
		return Response.json(200, body);
	}

	private boolean inManagementGroup(String scope, String assignmentScope) {
		Set<String> members = this.state.managementGroups.get(assignmentScope);
		return members != null && members.contains(SimState.subscriptionOf(scope));
	}

	private static final Pattern ROLE_ASSIGNMENT = Pattern
		.compile("^(.*)/providers/microsoft\\.authorization/roleassignments/([^/]+)$");

	/**
	 * Creates a role assignment ({@code PUT {scope}/providers/Microsoft.Authorization/
	 * roleAssignments/{name}}); refuses principals the directory does not hold, as ARM
	 * does ({@code PrincipalNotFound}), and an existing name with other content
	 * ({@code RoleAssignmentExists}).
	 */
	private Response armPut(Request request, String lower) {
		Matcher matcher = ROLE_ASSIGNMENT.matcher(lower);
		if (!matcher.find()) {
			return Response.error(405, "MethodNotAllowed", "Only role assignments can be created here");
		}
		Map<String, Object> body = SimJson.parseObject(request.body());
		Map<String, Object> properties = obj(body.get("properties"));
		String principalId = (properties != null) ? str(properties, "principalId") : null;
		String roleDefinitionId = (properties != null) ? str(properties, "roleDefinitionId") : null;
		if (principalId == null || roleDefinitionId == null) {
			return Response.error(400, "InvalidRoleAssignmentRequest", "principalId and roleDefinitionId are required");
		}
		if (!this.state.principals.containsKey(principalId.toLowerCase(Locale.ROOT))) {
			return Response.error(400, "PrincipalNotFound",
					"Principal " + principalId + " does not exist in the directory " + this.state.tenantId + ".");
		}
		if (this.state.resources.containsKey(lower)) {
			return Response.error(409, "RoleAssignmentExists", "The role assignment already exists.");
		}
		String path = request.path().replaceAll("/+$", "");
		String scope = path.substring(0, path.length()
				- ("/providers/Microsoft.Authorization/roleAssignments/".length() + matcher.group(2).length()));
		String now = Instant.now().toString();
		Map<String, Object> stored = new LinkedHashMap<>();
		stored.put("roleDefinitionId", roleDefinitionId);
		stored.put("principalId", principalId);
		stored.put("principalType", str(properties, "principalType"));
		stored.put("scope", scope);
		stored.put("condition", str(properties, "condition"));
		stored.put("conditionVersion", str(properties, "conditionVersion"));
		stored.put("createdOn", now);
		stored.put("updatedOn", now);
		stored.put("createdBy", null);
		stored.put("updatedBy", null);
		stored.put("delegatedManagedIdentityResourceId", str(properties, "delegatedManagedIdentityResourceId"));
		stored.put("description", str(properties, "description"));
		Map<String, Object> assignment = map("id", path, "name", path.substring(path.lastIndexOf('/') + 1), "type",
				"Microsoft.Authorization/roleAssignments", "properties", stored);
		this.state.put(assignment);
		return Response.json(201, assignment);
	}

	/**
	 * Deletes a role assignment: {@code 200} with the deleted assignment, {@code 204}
	 * when it did not exist (ARM's behaviour).
	 */
	private Response armDelete(Request request, String lower) {
		if (!ROLE_ASSIGNMENT.matcher(lower).find()) {
			return Response.error(405, "MethodNotAllowed", "Only role assignments can be deleted here");
		}
		Map<String, Object> removed = this.state.resources.remove(lower);
		return (removed != null) ? Response.json(200, removed) : new Response(204, new byte[0], new LinkedHashMap<>());
	}

	private Response armPatch(Request request, String lower) {
		Map<String, Object> resource = this.state.resources.get(lower);
		if (resource == null) {
			return Response.error(404, "ResourceNotFound", "The Resource '" + request.path() + "' was not found.");
		}
		if (str(resource, "type").equalsIgnoreCase("Microsoft.Storage/storageAccounts")) {
			return patchStorage(resource, SimJson.parseObject(request.body()));
		}
		if (!str(resource, "type").equalsIgnoreCase("Microsoft.MachineLearningServices/workspaces")) {
			return Response.error(405, "MethodNotAllowed", "Only workspaces and storage accounts can be patched here");
		}
		Map<String, Object> patch = SimJson.parseObject(request.body());
		String keyIdentifier = str(patch, "properties", "encryption", "keyVaultProperties", "keyIdentifier");
		if (at(patch, "properties", "encryption") != null && (keyIdentifier == null || keyIdentifier.isBlank())) {
			return Response.error(400, "InvalidRequestContent", "keyIdentifier is required");
		}
		String operationId = UUID.randomUUID().toString();
		synchronized (resource) {
			if (this.state.lroPolls <= 0) {
				SimJson.merge(resource, patch);
				this.state.graphResults.clear();
				return Response.json(200, resource);
			}
			obj(resource.get("properties")).put("provisioningState", "Updating");
		}
		this.operations.put(operationId, new Operation(lower, patch, this.state.lroPolls));
		String location = str(resource, "location");
		Response response = new Response(202, new byte[0], new LinkedHashMap<>());
		response.headers()
			.put("Location",
					"https://" + this.state.linkHost(request) + "/subscriptions/" + SimState.subscriptionOf(lower)
							+ "/providers/Microsoft.MachineLearningServices/locations/" + location
							+ "/workspaceOperationsStatus/" + operationId + "?api-version="
							+ request.query().getOrDefault("api-version", "2025-09-01") + "&type=location");
		response.headers().put("Retry-After", Integer.toString(this.state.lroRetryAfterSeconds));
		return response;
	}

	/**
	 * Storage's CMK update is synchronous: a pinned {@code keyversion} takes effect at
	 * once; an empty one makes the account follow the latest version at its next poll
	 * ({@link #pollStorageKeys()}).
	 */
	private Response patchStorage(Map<String, Object> resource, Map<String, Object> patch) {
		synchronized (resource) {
			Map<String, Object> before = SimJson.copy(resource);
			SimJson.merge(resource, patch);
			Map<String, Object> kv = obj(at(resource, "properties", "encryption", "keyvaultproperties"));
			if (kv != null) {
				String uri = str(kv, "keyvaulturi");
				String name = str(kv, "keyname");
				String version = str(kv, "keyversion");
				String vaultId = (uri != null) ? this.state.vaultIdForHost(java.net.URI.create(uri).getHost()) : null;
				SimKey key = (vaultId != null && name != null) ? this.state.keys.get(SimKey.key(vaultId, name)) : null;
				if (key == null || (version != null && !version.isBlank() && key.version(version) == null)) {
					resource.clear();
					resource.putAll(before);
					return Response.error(400, "KeyVaultKeyVersionNotFound",
							"The key version specified for the storage account was not found.");
				}
				if (version != null && !version.isBlank()) {
					kv.put("currentVersionedKeyIdentifier",
							uri.replaceAll("/+$", "") + "/keys/" + name + "/" + version);
					kv.put("lastKeyRotationTimestamp", Instant.now().toString());
				}
			}
			return Response.json(200, resource);
		}
	}

	/**
	 * Simulates storage's daily poll: every account that follows the latest key version
	 * (empty {@code keyversion}) picks it up now.
	 * @return how many accounts changed version
	 */
	int pollStorageKeys() {
		int changed = 0;
		for (Map<String, Object> resource : this.state.resources.values()) {
			if (!str(resource, "type").equalsIgnoreCase("Microsoft.Storage/storageAccounts")) {
				continue;
			}
			synchronized (resource) {
				Map<String, Object> kv = obj(at(resource, "properties", "encryption", "keyvaultproperties"));
				if (kv == null || (str(kv, "keyversion") != null && !str(kv, "keyversion").isBlank())) {
					continue;
				}
				String uri = str(kv, "keyvaulturi");
				String vaultId = (uri != null) ? this.state.vaultIdForHost(java.net.URI.create(uri).getHost()) : null;
				SimKey key = (vaultId != null) ? this.state.keys.get(SimKey.key(vaultId, str(kv, "keyname"))) : null;
				if (key == null) {
					continue;
				}
				String latest = uri.replaceAll("/+$", "") + "/keys/" + str(kv, "keyname") + "/"
						+ key.current().version();
				if (!latest.equalsIgnoreCase(str(kv, "currentVersionedKeyIdentifier"))) {
					kv.put("currentVersionedKeyIdentifier", latest);
					kv.put("lastKeyRotationTimestamp", Instant.now().toString());
					changed++;
				}
			}
		}
		return changed;
	}

	private Response pollOperation(String lower) {
		String operationId = lower.substring(lower.lastIndexOf('/') + 1);
		Operation operation = this.operations.get(operationId);
		if (operation == null) {
			return Response.error(404, "OperationNotFound", operationId);
		}
		if (operation.remaining().decrementAndGet() > 0) {
			Response response = new Response(202, new byte[0], new LinkedHashMap<>());
			response.headers().put("Retry-After", Integer.toString(this.state.lroRetryAfterSeconds));
			return response;
		}
		Map<String, Object> resource = this.state.resources.get(operation.resourceKey());
		synchronized (resource) {
			if (!operation.applied()) {
				SimJson.merge(resource, operation.patch());
				this.state.graphResults.clear();
				obj(resource.get("properties")).put("provisioningState", "Succeeded");
				operation.markApplied();
			}
			return Response.json(200, resource);
		}
	}

	private Bucket bucket(String subscription) {
		return this.buckets.computeIfAbsent(subscription, (s) -> new Bucket());
	}

	private Response take(String subscription) {
		Bucket bucket = bucket(subscription);
		synchronized (bucket) {
			bucket.refill(25 * this.state.clockScale);
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return null;
			}
			this.state.throttled.incrementAndGet();
			double seconds = (1 - bucket.tokens) / 25.0;
			Response response = Response.error(429, "TooManyRequests",
					"The request is being throttled as the limit has been reached for operation type - Read.");
			response.headers().put("Retry-After", Long.toString(Math.max(1, (long) Math.ceil(seconds))));
			// On a scaled clock, also say it in (scaled) milliseconds, which clients
			// prefer.
			if (this.state.clockScale != 1.0) {
				response.headers()
					.put("x-ms-retry-after-ms",
							Long.toString(Math.max(1, (long) Math.ceil(seconds * 1000 / this.state.clockScale))));
			}
			response.headers().put("x-ms-ratelimit-remaining-subscription-reads", "0");
			return response;
		}
	}

	private static final class Bucket {

		private double tokens = 250;

		private long last = System.nanoTime();

		void refill(double perSecond) {
			long now = System.nanoTime();
			this.tokens = Math.min(250, this.tokens + (now - this.last) / 1e9 * perSecond);
			this.last = now;
		}

	}

	private static final class Operation {

		private final String resourceKey;

		private final Map<String, Object> patch;

		private final AtomicLong remaining;

		private volatile boolean applied;

		Operation(String resourceKey, Map<String, Object> patch, int polls) {
			this.resourceKey = resourceKey;
			this.patch = patch;
			this.remaining = new AtomicLong(polls);
		}

		String resourceKey() {
			return this.resourceKey;
		}

		Map<String, Object> patch() {
			return this.patch;
		}

		AtomicLong remaining() {
			return this.remaining;
		}

		boolean applied() {
			return this.applied;
		}

		void markApplied() {
			this.applied = true;
		}

	}

}
