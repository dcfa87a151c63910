package io.amlwarden.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;

/**
 * Raw ARM calls through the authenticated SDK pipeline, for providers without a Java SDK
 * (Machine Learning, Security) and for the listing fallback. Follows {@code nextLink},
 * but only on the Resource Manager host ({@link ArmHostGuard}).
 */
class ArmRequests {

	/** Latest stable Machine Learning API in the specs. */
	static final String ML_API = "2025-09-01";

	static final String KEY_VAULT_API = "2025-05-01";

	static final String STORAGE_API = "2025-06-01";

	static final String REGISTRY_API = "2023-07-01";

	static final String APP_INSIGHTS_API = "2020-02-02";

	static final String LOG_ANALYTICS_API = "2023-09-01";

	static final String AUTHORIZATION_API = "2022-04-01";

	static final String SECURITY_PRICINGS_API = "2024-01-01";

	private final AzureClients clients;

	ArmRequests(AzureClients clients) {
		this.clients = clients;
	}

	/**
	 * GETs a resource.
	 * @throws AzureCallException for any non-2xx answer
	 */
	Map<String, Object> get(String subscriptionId, String path, String apiVersion, Context context) {
		return Json.asMap(send(subscriptionId, HttpMethod.GET, url(path, apiVersion), null, context).body());
	}

	/**
	 * Lists a collection, page by page, handing each item to the consumer.
	 * @param pageGuard called before each page after the first (pacing and budget)
	 */
	void list(String subscriptionId, String path, String apiVersion, Context context, Runnable pageGuard,
			Consumer<Map<String, Object>> consumer) {
		String next = url(path, apiVersion);
		boolean first = true;
		while (next != null) {
			if (!first) {
				pageGuard.run();
			}
			first = false;
			Object body = send(subscriptionId, HttpMethod.GET, next, null, context).body();
			for (Object item : Json.list(body, "value")) {
				consumer.accept(Json.asMap(item));
			}
			String link = Json.str(body, "nextLink");
			next = (link != null && !link.isBlank()) ? this.clients.armGuard().follow(link, "nextLink") : null;
		}
	}

	List<Map<String, Object>> listAll(String subscriptionId, String path, String apiVersion, Context context) {
		List<Map<String, Object>> items = new ArrayList<>();
		list(subscriptionId, path, apiVersion, context, () -> {
		}, items::add);
		return items;
	}

	Result send(String subscriptionId, HttpMethod method, String url, byte[] body, Context context) {
		HttpRequest request = new HttpRequest(method, url);
		if (body != null) {
			request.setHeader(com.azure.core.http.HttpHeaderName.CONTENT_TYPE, "application/json");
			request.setBody(body);
		}
		try (HttpResponse response = this.clients.armPipeline(subscriptionId).sendSync(request, context)) {
			int status = response.getStatusCode();
			byte[] bytes = response.getBodyAsBinaryData().toBytes();
			Object parsed = (bytes.length > 0) ? Json.parse(bytes) : null;
			if (status / 100 != 2) {
				throw AzureCallException.forStatus(status, Json.str(parsed, "error", "code"));
			}
			return new Result(status, parsed, response.getHeaderValue(com.azure.core.http.HttpHeaderName.LOCATION),
					response.getHeaderValue(com.azure.core.http.HttpHeaderName.RETRY_AFTER),
					response.getHeaderValue(com.azure.core.http.HttpHeaderName.fromString("Azure-AsyncOperation")));
		}
	}

	/**
	 * The URL of an ARM path, built from components on the Resource Manager host.
	 * @throws ArmId.InvalidArmIdException when the path is not a strict ARM path
	 */
	String url(String path, String apiVersion) {
		return this.clients.armGuard().url(path, apiVersion);
	}

	/**
	 * Checks a long-running operation's polling URL before it is followed.
	 * @throws AzureCallException when it points outside Resource Manager
	 */
	String poll(String url) {
		return this.clients.armGuard().follow(url, "operation status URL");
	}

	/**
	 * A 2xx answer.
	 */
	record Result(int status, Object body, String location, String retryAfter, String asyncOperation) {
	}

}
