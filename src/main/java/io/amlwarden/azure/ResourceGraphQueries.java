package io.amlwarden.azure;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;

/**
 * Bulk reads through Azure Resource Graph: one query per batch of subscriptions,
 * following {@code $skipToken} until the last page.
 */
class ResourceGraphQueries {

	static final String PROJECTION = "| project id, name, type, location, kind, sku, identity, tags, properties "
			+ "| order by id asc";

	/**
	 * The ML workspaces alone, first (everything else a workspace links to or contains is
	 * {@link InventoryReads#RESOURCES_QUERY}): what ARM reads the workspaces need (their
	 * diagnostic settings, their CMK vault's keys) can start while the rest of the bulk
	 * pass pages.
	 */
	static final String WORKSPACES = "resources | where type =~ 'microsoft.machinelearningservices/workspaces' "
			+ PROJECTION;

	/** Role assignments, and the role definitions (built-in and custom) they use. */
	static final String ROLE_ASSIGNMENTS = "authorizationresources "
			+ "| where type in~ ('microsoft.authorization/roleassignments', 'microsoft.authorization/roledefinitions') "
			+ "| project id, name, type, properties | order by id asc";

	static final String PRICINGS = "securityresources | where type =~ 'microsoft.security/pricings' "
			+ "| project id, name, type, properties | order by id asc";

	private final AzureClients clients;

	ResourceGraphQueries(AzureClients clients) {
		this.clients = clients;
	}

	/**
	 * Runs a query over a batch of subscriptions and hands every row to the consumer,
	 * page by page, so that a large tenant is never held as raw rows.
	 */
	void query(List<String> subscriptions, String query, Context context, Consumer<Map<String, Object>> consumer) {
		int pageSize = Math.min(1000, Math.max(1, this.clients.properties().limits().graphPageSize()));
		String skipToken = null;
		do {
			QueryRequest request = new QueryRequest().withSubscriptions(subscriptions)
				.withQuery(query)
				.withOptions(new QueryRequestOptions().withTop(pageSize)
					.withSkipToken(skipToken)
					.withResultFormat(ResultFormat.OBJECT_ARRAY));
			Response<QueryResponse> response = this.clients.resourceGraph()
				.resourceProviders()
				.resourcesWithResponse(request, context);
			QueryResponse page = response.getValue();
			for (Object row : Json.asList(page.data())) {
				consumer.accept(Json.asMap(row));
			}
			skipToken = page.skipToken();
		}
		while (skipToken != null && !skipToken.isBlank());
	}

}
