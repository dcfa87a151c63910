package io.amlwarden.azure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import io.amlwarden.inventory.ArmIds;
import io.amlwarden.inventory.KeyUrls;
import io.amlwarden.inventory.KeyVault;
import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.inventory.VaultKey;
import io.amlwarden.inventory.Workspace;

import org.springframework.stereotype.Service;

/**
 * The calls a customer-managed key rotation makes, each against Azure directly (never a
 * snapshot): fresh reads of the vault, key, workspaces and storage accounts for preflight
 * and verification; {@code rotate}; the workspace CMK {@code PATCH} with its long-running
 * operation; the storage account {@code keyvaultproperties.keyversion} {@code PATCH}.
 * Mutations return the Azure request ids so that the rotation history can name them.
 * Every failure is a {@link AzureCallException} that says whether to retry, defer or
 * fail. 429 and 5xx answers are first retried by the SDK's retry policy (honouring
 * {@code Retry-After}).
 */
@Service
public class CmkOperations {

	private static final HttpHeaderName REQUEST_ID = HttpHeaderName.fromString("x-ms-request-id");

	private static final HttpHeaderName ASYNC_OPERATION = HttpHeaderName.fromString("Azure-AsyncOperation");

	private static final Duration DEFAULT_POLL = Duration.ofSeconds(10);

	private static final String AUTHORIZATION_API = "2022-04-01";

	private final AzureClients clients;

	CmkOperations(AzureClients clients) {
		this.clients = clients;
	}

	/**
	 * Reads a vault through ARM.
	 * @param vaultId the vault's ARM id
	 * @return the vault
	 * @throws AzureCallException e.g. with status 404 for an unknown vault
	 */
	public KeyVault vault(String vaultId) {
		return InventoryMapper.vault(Json
			.asMap(arm("read vault", vaultId, HttpMethod.GET, vaultId, ArmRequests.KEY_VAULT_API, null).body()));
	}

	/**
	 * The current (latest) version of a key, from the data plane.
	 */
	public VaultKey.KeyVersion currentVersion(String vaultUrl, String keyName) {
		return keyVault("read key " + keyName, vaultUrl, (client) -> {
			Response<KeyVaultKey> response = client.getKeyWithResponse(keyName, null, Context.NONE);
			return new Result<>(version(response.getValue()), ids(response.getHeaders().getValue(REQUEST_ID)));
		}).value();
	}

	/**
	 * Creates a new version of a key ({@code POST keys/{name}/rotate}).
	 */
	public Result<VaultKey.KeyVersion> rotate(String vaultUrl, String keyName) {
		return keyVault("rotate " + keyName, vaultUrl, (client) -> {
			Response<KeyVaultKey> response = client.rotateKeyWithResponse(keyName, Context.NONE);
			return new Result<>(version(response.getValue()), ids(response.getHeaders().getValue(REQUEST_ID)));
		});
	}

	/**
	 * Every version of a key with its tags ({@code GET keys/{name}/versions}), so that a
	 * caller can tell versions it marked from those someone else created.
	 */
	public List<MarkedVersion> markedVersions(String vaultUrl, String keyName) {
		return keyVault("list versions of " + keyName, vaultUrl, (client) -> {
			List<MarkedVersion> versions = new ArrayList<>();
			for (KeyProperties p : client.listPropertiesOfKeyVersions(keyName)) {
				String version = (p.getVersion() != null) ? p.getVersion() : KeyUrls.version(p.getId());
				versions.add(new MarkedVersion(
						new VaultKey.KeyVersion(version, p.getId(), p.isEnabled(), instant(p.getCreatedOn()),
								instant(p.getUpdatedOn()), instant(p.getNotBefore()), instant(p.getExpiresOn())),
						(p.getTags() != null) ? p.getTags() : Map.of()));
			}
			return new Result<>(versions, List.of());
		}).value();
	}

	/**
	 * Adds one tag to a key version, keeping its other tags: reads the version
	 * ({@code GET keys/{name}/{version}}), then {@code PATCH keys/{name}/{version}} with
	 * the merged {@code tags} and nothing else (Key Vault replaces a version's tags as a
	 * whole on update; its attributes are left as they are).
	 * @param vaultUrl the vault
	 * @param keyName the key
	 * @param version the version to tag
	 * @param tag the tag name
	 * @param value the tag value
	 * @return the version's tags as Key Vault returned them after the update
	 */
	public Result<Map<String, String>> tagVersion(String vaultUrl, String keyName, String version, String tag,
			String value) {
		return keyVault("tag version of " + keyName, vaultUrl, (client) -> {
			Response<KeyVaultKey> read = client.getKeyWithResponse(keyName, version, Context.NONE);
			Map<String, String> tags = new LinkedHashMap<>();
			if (read.getValue().getProperties().getTags() != null) {
				tags.putAll(read.getValue().getProperties().getTags());
			}
			tags.put(tag, value);
			KeyProperties update;
			try (com.azure.json.JsonReader reader = com.azure.json.JsonProviders
				.createReader("{\"kid\":\"" + jsonText(read.getValue().getId()) + "\"}")) {
				update = KeyProperties.fromJson(reader);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			update.setTags(tags);
			Response<KeyVaultKey> updated = client.updateKeyPropertiesWithResponse(update, Context.NONE);
			Map<String, String> after = updated.getValue().getProperties().getTags();
			return new Result<>((after != null) ? Map.copyOf(after) : Map.of(),
					ids(updated.getHeaders().getValue(REQUEST_ID)));
		});
	}

	/**
	 * What AML Warden's own identity may do on a resource ({@code GET
	 * {id}/providers/Microsoft.Authorization/permissions}, following {@code nextLink}).
	 * @param resourceId the resource
	 * @return the permission entries
	 * @throws AzureCallException when ARM does not answer them
	 */
	public CallerPermissions permissions(String resourceId) {
		String operation = "read permissions";
		List<CallerPermissions.Entry> entries = new ArrayList<>();
		Sent sent = arm(operation, resourceId, HttpMethod.GET,
				resourceId.replaceAll("/+$", "") + "/providers/Microsoft.Authorization/permissions", AUTHORIZATION_API,
				null);
		for (int page = 0; page < 20; page++) {
			Object body = sent.body();
			Object value = (body instanceof Map<?, ?> map) ? map.get("value") : null;
			if (value instanceof List<?> list) {
				for (Object item : list) {
					entries.add(new CallerPermissions.Entry(strings(item, "actions"), strings(item, "notActions"),
							strings(item, "dataActions"), strings(item, "notDataActions")));
				}
			}
			String next = Json.str(body, "nextLink");
			if (next == null || !this.clients.armGuard().allows(next)) {
				// The bearer token goes only to Resource Manager itself.
				break;
			}
			sent = send(operation, resourceId, HttpMethod.GET, next, null);
		}
		return new CallerPermissions(resourceId, entries);
	}

	private static List<String> strings(Object item, String field) {
		Object value = (item instanceof Map<?, ?> map) ? map.get(field) : null;
		List<String> out = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((v) -> out.add(String.valueOf(v)));
		}
		return out;
	}

	/**
	 * Reads a workspace through ARM.
	 */
	public Workspace workspace(String workspaceId) {
		return InventoryMapper.workspace(Json
			.asMap(arm("read workspace", workspaceId, HttpMethod.GET, workspaceId, ArmRequests.ML_API, null).body()));
	}

	/**
	 * Reads a storage account through ARM.
	 */
	public StorageAccount storageAccount(String storageId) {
		return InventoryMapper.storageAccount(Json
			.asMap(arm("read storage account", storageId, HttpMethod.GET, storageId, ArmRequests.STORAGE_API, null)
				.body()));
	}

	/**
	 * Points a workspace at a versioned key URL ({@code PATCH} of
	 * {@code encryption.keyVaultProperties.keyIdentifier}), follows the long-running
	 * operation ({@code 202} + {@code Location}/{@code Azure-AsyncOperation}, honouring
	 * {@code Retry-After}), then re-reads the workspace.
	 * @param workspaceId the workspace
	 * @param keyIdentifier the new versioned key URL (in the workspace's original vault)
	 * @param maxWait how long to follow the operation
	 * @return the workspace as read afterwards (the caller verifies it)
	 */
	public Result<Workspace> updateWorkspaceKey(String workspaceId, String keyIdentifier, Duration maxWait) {
		String operation = "update key of workspace";
		List<String> requestIds = new ArrayList<>();
		String body = "{\"properties\":{\"encryption\":{\"keyVaultProperties\":{\"keyIdentifier\":\""
				+ jsonText(keyIdentifier) + "\"}}}}";
		Instant deadline = Instant.now().plus(maxWait);
		Sent sent = arm(operation, workspaceId, HttpMethod.PATCH, workspaceId, ArmRequests.ML_API, body);
		requestIds.addAll(sent.requestIds());
		String poll = (sent.asyncOperation() != null) ? sent.asyncOperation() : sent.location();
		String retryAfter = sent.retryAfter();
		while (sent.status() == 202 && poll != null) {
			Duration wait = retryAfter(retryAfter);
			if (Instant.now().plus(wait).isAfter(deadline)) {
				throw AzureCallException.answered(operation, workspaceId, 408, "OperationTimedOut",
						"operation still running after " + maxWait.toSeconds() + "s", requestIds, null);
			}
			sleep(wait);
			if (!this.clients.armGuard().allows(poll)) {
				throw AzureCallException.answered(operation, workspaceId, 502, "UntrustedOperationUrl",
						"operation status URL points outside Resource Manager; not followed", requestIds, null);
			}
			sent = send(operation, workspaceId, HttpMethod.GET, poll, null);
			retryAfter = sent.retryAfter();
			String status = Json.str(sent.body(), "status");
			if (status != null && (status.equalsIgnoreCase("Failed") || status.equalsIgnoreCase("Canceled"))) {
				throw AzureCallException.answered(operation, workspaceId, 400, Json.str(sent.body(), "error", "code"),
						"operation " + status, requestIds, null);
			}
			if (status != null && !status.equalsIgnoreCase("Succeeded") && sent.status() == 200) {
				// Azure-AsyncOperation answers 200 with status InProgress until done.
				sent = new Sent(202, sent.body(), sent.location(), sent.retryAfter(), sent.asyncOperation(),
						sent.requestIds());
			}
		}
		return new Result<>(workspace(workspaceId), requestIds);
	}

	/**
	 * Pins a storage account to a key version ({@code PATCH} of
	 * {@code encryption.keyvaultproperties}), then re-reads it.
	 * @param storageId the storage account
	 * @param vaultUrl the vault URL the account uses
	 * @param keyName the key name
	 * @param version the version to pin
	 * @return the account as read afterwards (the caller verifies it)
	 */
	public Result<StorageAccount> updateStorageKeyVersion(String storageId, String vaultUrl, String keyName,
			String version) {
		String body = "{\"properties\":{\"encryption\":{\"keySource\":\"Microsoft.Keyvault\","
				+ "\"keyvaultproperties\":{\"keyvaulturi\":\"" + jsonText(vaultUrl) + "\",\"keyname\":\""
				+ jsonText(keyName) + "\",\"keyversion\":\"" + jsonText(version) + "\"}}}}";
		Sent sent = arm("update key version of storage account", storageId, HttpMethod.PATCH, storageId,
				ArmRequests.STORAGE_API, body);
		return new Result<>(storageAccount(storageId), sent.requestIds());
	}

	// ---- plumbing -------------------------------------------------------------------

	private Sent arm(String operation, String resourceId, HttpMethod method, String path, String apiVersion,
			String body) {
		String url;
		try {
			url = this.clients.armGuard().url(path, apiVersion);
		}
		catch (ArmId.InvalidArmIdException ex) {
			throw AzureCallException.answered(operation, resourceId, 400, "InvalidResourceId", ex.getMessage(),
					List.of(), null);
		}
		return send(operation, resourceId, method, url, body);
	}

	private Sent send(String operation, String resourceId, HttpMethod method, String url, String body) {
		String subscription = ArmIds.subscriptionOf(resourceId);
		if (subscription == null) {
			throw AzureCallException.answered(operation, resourceId, 400, "InvalidResourceId", "not an ARM id",
					List.of(), null);
		}
		HttpRequest request = new HttpRequest(method, url);
		if (body != null) {
			request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
			request.setBody(body.getBytes(StandardCharsets.UTF_8));
		}
		try (HttpResponse response = this.clients.armPipeline(subscription).sendSync(request, Context.NONE)) {
			int status = response.getStatusCode();
			byte[] bytes = response.getBodyAsBinaryData().toBytes();
			Object parsed = (bytes.length > 0) ? Json.parse(bytes) : null;
			List<String> requestIds = ids(response.getHeaderValue(REQUEST_ID));
			if (status / 100 != 2) {
				throw AzureCallException.answered(operation, resourceId, status, Json.str(parsed, "error", "code"),
						Json.str(parsed, "error", "message"), requestIds, null);
			}
			return new Sent(status, parsed, response.getHeaderValue(HttpHeaderName.LOCATION),
					response.getHeaderValue(HttpHeaderName.RETRY_AFTER), response.getHeaderValue(ASYNC_OPERATION),
					requestIds);
		}
		catch (AzureCallException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw AzureCallException.answered(operation, resourceId, 0, ex.getClass().getSimpleName(), null, List.of(),
					ex);
		}
	}

	private <T> Result<T> keyVault(String operation, String vaultUrl,
			java.util.function.Function<KeyClient, Result<T>> call) {
		KeyClient client;
		try {
			client = this.clients.keyClient(vaultUrl);
		}
		catch (IllegalArgumentException ex) {
			throw AzureCallException.answered(operation, vaultUrl, 400, "InvalidVaultUrl", ex.getMessage(), List.of(),
					ex);
		}
		try {
			return call.apply(client);
		}
		catch (HttpResponseException ex) {
			HttpResponse response = ex.getResponse();
			int status = (response != null) ? response.getStatusCode() : 0;
			List<String> requestIds = (response != null) ? ids(response.getHeaderValue(REQUEST_ID)) : List.of();
			throw AzureCallException.answered(operation, vaultUrl, status, errorCode(ex.getMessage()), ex.getMessage(),
					requestIds, ex);
		}
		catch (RuntimeException ex) {
			throw AzureCallException.answered(operation, vaultUrl, 0, ex.getClass().getSimpleName(), null, List.of(),
					ex);
		}
	}

	private static String errorCode(String message) {
		if (message == null) {
			return null;
		}
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"")
			.matcher(message);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static VaultKey.KeyVersion version(KeyVaultKey key) {
		KeyProperties properties = key.getProperties();
		String version = (properties.getVersion() != null) ? properties.getVersion() : KeyUrls.version(key.getId());
		return new VaultKey.KeyVersion(version, key.getId(), properties.isEnabled(), instant(properties.getCreatedOn()),
				instant(properties.getUpdatedOn()), instant(properties.getNotBefore()),
				instant(properties.getExpiresOn()));
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static List<String> ids(String header) {
		return (header != null && !header.isBlank()) ? List.of(header) : List.of();
	}

	private static String jsonText(String value) {
		StringBuilder out = new StringBuilder();
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c >= 0x20) {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static Duration retryAfter(String header) {
		if (header == null || header.isBlank()) {
			return DEFAULT_POLL;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Math.min(600, Long.parseLong(header.trim()))));
		}
		catch (NumberFormatException ex) {
			return DEFAULT_POLL;
		}
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw AzureCallException.answered("wait for operation", "", 0, "Interrupted", null, List.of(), ex);
		}
	}

	/**
	 * The outcome of a call and the Azure request ids it produced.
	 *
	 * @param <T> the value type
	 * @param value what Azure returned
	 * @param requestIds {@code x-ms-request-id} of each request that changed something
	 */
	public record Result<T>(T value, List<String> requestIds) {

		public Result {
			requestIds = List.copyOf(requestIds);
		}

	}

	/**
	 * A key version with its tags.
	 *
	 * @param version the version
	 * @param tags its tags (empty when it has none)
	 */
	public record MarkedVersion(VaultKey.KeyVersion version, Map<String, String> tags) {

		public MarkedVersion {
			tags = Map.copyOf(tags);
		}

	}

	private record Sent(int status, Object body, String location, String retryAfter, String asyncOperation,
			List<String> requestIds) {
	}

}
