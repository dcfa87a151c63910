package io.amlwarden.azure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.amlwarden.inventory.Principal;

/**
 * Resolves role-assignment principals through Microsoft Graph:
 * {@code directoryObjects/getByIds} in batches of 1000, then
 * {@code directory/deletedItems/{id}} for any id Graph did not return, so that an
 * assignment to a deleted principal is recognised as such.
 */
class DirectoryLookup {

	private static final int BATCH = 1000;

	private final AzureClients clients;

	DirectoryLookup(AzureClients clients) {
		this.clients = clients;
	}

	List<Principal> resolve(Set<String> objectIds, Context context) {
		List<Principal> principals = new ArrayList<>();
		List<String> ids = new ArrayList<>(new LinkedHashSet<>(objectIds));
		Map<String, Principal> found = new HashMap<>();
		for (int start = 0; start < ids.size(); start += BATCH) {
			List<String> batch = ids.subList(start, Math.min(ids.size(), start + BATCH));
			StringBuilder body = new StringBuilder("{\"ids\":[");
			for (int i = 0; i < batch.size(); i++) {
				body.append((i > 0) ? "," : "").append('"').append(batch.get(i).replace("\"", "")).append('"');
			}
			body.append("],\"types\":[\"user\",\"group\",\"servicePrincipal\"]}");
			Object response = send(HttpMethod.POST, "v1.0/directoryObjects/getByIds",
					body.toString().getBytes(StandardCharsets.UTF_8), context);
			for (Object item : Json.list(response, "value")) {
				Principal principal = principal(item, false);
				if (principal.id() != null) {
					found.put(principal.id().toLowerCase(Locale.ROOT), principal);
				}
			}
		}
		for (String id : ids) {
			Principal principal = found.get(id.toLowerCase(Locale.ROOT));
			if (principal == null) {
				principal = deleted(id, context);
			}
			principals.add(principal);
		}
		return principals;
	}

	/**
	 * Whether a principal is a member of a group, directly or through nested groups
	 * ({@code directoryObjects/{id}/checkMemberGroups}, which Graph answers
	 * transitively).
	 * @param principalId the member's object id
	 * @param groupId the group's object id
	 * @param context the call context
	 * @return whether the principal belongs to the group
	 */
	boolean isTransitiveMember(String principalId, String groupId, Context context) {
		String body = "{\"groupIds\":[\"" + groupId.replace("\"", "") + "\"]}";
		Object response = send(
				HttpMethod.POST, "v1.0/directoryObjects/"
						+ java.net.URLEncoder.encode(principalId, StandardCharsets.UTF_8) + "/checkMemberGroups",
				body.getBytes(StandardCharsets.UTF_8), context);
		for (Object id : Json.list(response, "value")) {
			if (groupId.equalsIgnoreCase(String.valueOf(id))) {
				return true;
			}
		}
		return false;
	}

	private Principal deleted(String id, Context context) {
		try {
			return principal(send(HttpMethod.GET, "v1.0/directory/deletedItems/" + id, null, context), true);
		}
		catch (AzureCallException ex) {
			if (ex.reason() == AzureCallException.Reason.NOT_FOUND) {
				// Gone for good (past the 30-day recycle bin): still a dangling
				// assignment.
				return new Principal(id, null, null, null, null, null, true);
			}
			throw ex;
		}
	}

	private Object send(HttpMethod method, String path, byte[] body, Context context) {
		HttpRequest request = new HttpRequest(method, this.clients.cloud().microsoftGraphEndpoint() + path);
		if (body != null) {
			request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
			request.setBody(body);
		}
		try (HttpResponse response = this.clients.directoryPipeline().sendSync(request, context)) {
			byte[] bytes = response.getBodyAsBinaryData().toBytes();
			Object parsed = (bytes.length > 0) ? Json.parse(bytes) : null;
			if (response.getStatusCode() / 100 != 2) {
				throw AzureCallException.forStatus(response.getStatusCode(), Json.str(parsed, "error", "code"));
			}
			return parsed;
		}
	}

	private static Principal principal(Object item, boolean deleted) {
		String type = Json.str(item, "@odata.type");
		if (type != null && type.startsWith("#microsoft.graph.")) {
			type = type.substring("#microsoft.graph.".length());
		}
		return new Principal(Json.str(item, "id"), type, Json.str(item, "displayName"),
				Json.str(item, "userPrincipalName"), Json.str(item, "userType"), Json.bool(item, "accountEnabled"),
				deleted);
	}

}
