package io.amlwarden.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.amlwarden.simulator.AzureSimulator.Request;
import io.amlwarden.simulator.AzureSimulator.Response;

/**
 * Group membership in the simulated directory, and Microsoft Graph's transitive
 * membership check: {@code POST /v1.0/directoryObjects/{id}/checkMemberGroups} with
 * {@code {"groupIds": [...]}} answers the subset of those groups the object belongs to,
 * directly or through nested groups, as a {@code Collection(Edm.String)}.
 */
public final class GraphGroupMembership {

	private static final Pattern CHECK_MEMBER_GROUPS = Pattern
		.compile("/v1\\.0/directoryObjects/([^/]+)/checkMemberGroups$", Pattern.CASE_INSENSITIVE);

	/** Direct members by group id, all lower-cased. */
	private final Map<String, Set<String>> members = new ConcurrentHashMap<>();

	/**
	 * Adds a direct member (a user, service principal or nested group) to a group.
	 * @param groupId the group's object id
	 * @param memberId the member's object id
	 * @return this
	 */
	public GraphGroupMembership add(String groupId, String memberId) {
		this.members.computeIfAbsent(key(groupId), (g) -> ConcurrentHashMap.newKeySet()).add(key(memberId));
		return this;
	}

	/**
	 * Answers a Graph request if it is a membership check.
	 * @param request the request
	 * @return the answer, or {@code null} when the request is not one of these routes
	 */
	Response handle(Request request) {
		Matcher check = CHECK_MEMBER_GROUPS.matcher(request.path());
		if (!check.find() || !request.method().equals("POST")) {
			return null;
		}
		Object groupIds = SimJson.parseObject(request.body()).get("groupIds");
		if (!(groupIds instanceof List<?> requested) || requested.isEmpty() || requested.size() > 20) {
			return Response.error(400, "Request_BadRequest", "groupIds must list between 1 and 20 groups.");
		}
		List<Object> found = new ArrayList<>();
		for (Object group : requested) {
			if (transitivelyContains(key(group.toString()), key(check.group(1)))) {
				found.add(group.toString());
			}
		}
		return Response.json(200, SimJson.map("@odata.context",
				"https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)", "value", found));
	}

	private boolean transitivelyContains(String groupId, String memberId) {
		Deque<String> pending = new ArrayDeque<>(List.of(groupId));
		Set<String> seen = new HashSet<>();
		while (!pending.isEmpty()) {
			String group = pending.pop();
			if (!seen.add(group)) {
				continue;
			}
			Set<String> direct = this.members.getOrDefault(group, Set.of());
			if (direct.contains(memberId)) {
				return true;
			}
			pending.addAll(direct);
		}
		return false;
	}

	private static String key(String id) {
		return id.toLowerCase(Locale.ROOT);
	}

}
