package io.amlwarden.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.amlwarden.simulator.AzureSimulator.Request;
import io.amlwarden.simulator.AzureSimulator.Response;

import static io.amlwarden.simulator.SimJson.list;
import static io.amlwarden.simulator.SimJson.map;
import static io.amlwarden.simulator.SimJson.obj;
import static io.amlwarden.simulator.SimJson.str;

/**
 * Azure Resource Graph ({@code POST /providers/Microsoft.ResourceGraph/resources}): the
 * {@code resources}, {@code authorizationresources} and {@code securityresources} tables,
 * filtered by type and subscription, paged with {@code $skipToken}.
 */
final class ResourceGraphRoutes {

	private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

	private final SimState state;

	ResourceGraphRoutes(SimState state) {
		this.state = state;
	}

	Response handle(Request request) {
		if (!SimState.authorized(request)) {
			return Response.error(401, "AuthenticationFailed", "Missing bearer token");
		}
		Map<String, Object> body = SimJson.parseObject(request.body());
		String query = str(body, "query");
		String table = query.trim().split("[\\s|]+")[0].toLowerCase(Locale.ROOT);
		Set<String> types = new HashSet<>();
		Matcher where = Pattern.compile("type\\s*(?:in~|=~|==|in)\\s*\\(?([^|)]*)", Pattern.CASE_INSENSITIVE)
			.matcher(query);
		if (where.find()) {
			Matcher quoted = QUOTED.matcher(where.group(1));
			while (quoted.find()) {
				types.add(quoted.group(1).toLowerCase(Locale.ROOT));
			}
		}
		Set<String> subs = new HashSet<>();
		for (Object subscription : list(body.get("subscriptions"))) {
			subs.add(subscription.toString().toLowerCase(Locale.ROOT));
		}
		// Matching resources in id order (the map is sorted); only the page is copied.
		// Later pages of the same query reuse the first page's match.
		Map<String, Object> options = obj(body.get("options"));
		String skipToken = (options != null) ? str(options, "$skipToken") : null;
		String cacheKey = query + "|" + new java.util.TreeSet<>(subs);
		List<Map<String, Object>> cached = (skipToken != null) ? this.state.graphResults.get(cacheKey) : null;
		List<Map<String, Object>> rows = (cached != null) ? cached : new ArrayList<>();
		for (Map.Entry<String, Map<String, Object>> entry : (cached != null)
				? java.util.List.<Map.Entry<String, Map<String, Object>>>of() : this.state.resources.entrySet()) {
			String id = entry.getKey();
			String type = str(entry.getValue(), "type").toLowerCase(Locale.ROOT);
			if (!tableOf(type).equals(table) || (!types.isEmpty() && !types.contains(type))
					|| this.state.isForbidden(id)) {
				continue;
			}
			Matcher sub = SimState.SUBSCRIPTION.matcher(id);
			// Tenant-level rows (built-in role definitions) come with every query.
			boolean tenantLevel = !id.startsWith("/subscriptions/");
			if (!tenantLevel && (!sub.find() || !subs.contains(sub.group(1)))) {
				continue;
			}
			rows.add(entry.getValue());
		}
		this.state.graphResults.put(cacheKey, rows);
		int top = (options != null && options.get("$top") != null) ? ((Number) options.get("$top")).intValue() : 1000;
		int offset = (skipToken != null)
				? Integer.parseInt(new String(Base64.getDecoder().decode(skipToken), StandardCharsets.UTF_8)) : 0;
		List<Map<String, Object>> page = new ArrayList<>();
		for (Map<String, Object> row : rows.subList(Math.min(offset, rows.size()),
				Math.min(rows.size(), offset + top))) {
			page.add(graphRow(row, str(row, "type").toLowerCase(Locale.ROOT)));
		}
		Map<String, Object> result = map("totalRecords", rows.size(), "count", page.size(), "resultTruncated", "false",
				"data", page, "facets", List.of());
		if (offset + top < rows.size()) {
			result.put("$skipToken", Base64.getEncoder()
				.encodeToString(Integer.toString(offset + top).getBytes(StandardCharsets.UTF_8)));
		}
		Response response = Response.json(200, result);
		response.headers().put("x-ms-user-quota-remaining", "14");
		response.headers().put("x-ms-user-quota-resets-after", "00:00:05");
		return response;
	}

	private static String tableOf(String type) {
		if (type.startsWith("microsoft.authorization/")) {
			return "authorizationresources";
		}
		if (type.startsWith("microsoft.security/")) {
			return "securityresources";
		}
		return "resources";
	}

	/**
	 * Resource Graph lower-cases types and adds resource group and subscription columns.
	 */
	private static Map<String, Object> graphRow(Map<String, Object> resource, String type) {
		Map<String, Object> row = SimJson.copy(resource);
		row.put("type", type);
		String id = str(resource, "id");
		Matcher sub = SimState.SUBSCRIPTION.matcher(id);
		row.put("subscriptionId", sub.find() ? sub.group(1) : "");
		Matcher rg = Pattern.compile("/resourcegroups/([^/]+)", Pattern.CASE_INSENSITIVE).matcher(id);
		row.put("resourceGroup", rg.find() ? rg.group(1).toLowerCase(Locale.ROOT) : "");
		return row;
	}

}
