package io.amlwarden.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.amlwarden.simulator.AzureSimulator.Request;
import io.amlwarden.simulator.AzureSimulator.Response;

import static io.amlwarden.simulator.SimJson.list;
import static io.amlwarden.simulator.SimJson.map;

/**
 * Microsoft Graph: {@code directoryObjects/getByIds} and
 * {@code directory/deletedItems/{id}}, from the fixture's principals.
 */
final class MicrosoftGraphRoutes {

	private final SimState state;

	MicrosoftGraphRoutes(SimState state) {
		this.state = state;
	}

	Response handle(Request request) {
		if (!SimState.authorized(request)) {
			return Response.error(401, "InvalidAuthenticationToken", "Access token is empty.");
		}
		Response membership = this.state.groupMembership.handle(request);
		if (membership != null) {
			return membership;
		}
		String path = request.path();
		if (path.endsWith("/directoryObjects/getByIds") && request.method().equals("POST")) {
			List<Object> found = new ArrayList<>();
			for (Object id : list(SimJson.parseObject(request.body()).get("ids"))) {
				Map<String, Object> principal = this.state.principals.get(id.toString().toLowerCase(Locale.ROOT));
				if (principal != null) {
					found.add(principal);
				}
			}
			return Response.json(200, map("@odata.context",
					"https://graph.microsoft.com/v1.0/$metadata#directoryObjects", "value", found));
		}
		Matcher deleted = Pattern.compile("/directory/deletedItems/([^/]+)$", Pattern.CASE_INSENSITIVE).matcher(path);
		if (deleted.find()) {
			Map<String, Object> principal = this.state.deletedPrincipals.get(deleted.group(1).toLowerCase(Locale.ROOT));
			return (principal != null) ? Response.json(200, principal)
					: Response.error(404, "Request_ResourceNotFound", "Resource '" + deleted.group(1)
							+ "' does not exist or one of its queried reference-property objects are not present.");
		}
		return Response.error(404, "Request_ResourceNotFound", path);
	}

}
