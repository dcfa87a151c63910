package io.amlwarden.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.amlwarden.simulator.AzureSimulator.Request;
import io.amlwarden.simulator.AzureSimulator.Response;
import io.amlwarden.simulator.AzureSimulator.Secret;

import static io.amlwarden.simulator.SimJson.list;
import static io.amlwarden.simulator.SimJson.map;

/**
 * The Key Vault data plane of each vault's host: the bearer challenge, keys (get,
 * versions, {@code rotate}, {@code rotationpolicy}, version update) and secrets (list and
 * get).
 */
final class KeyVaultRoutes {

	private final SimState state;

	KeyVaultRoutes(SimState state) {
		this.state = state;
	}

	Response handle(Request request) {
		String vaultId = this.state.vaultIdForHost(request.host());
		if (!SimState.authorized(request)) {
			// The challenge that starts the SDK's authentication: no token, no body yet.
			Response response = Response.error(401, "Unauthorized",
					"AKV10000: Request is missing a Bearer or PoP token.");
			response.headers()
				.put("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
						+ this.state.tenantId + "\", resource=\"https://vault.azure.net\"");
			return response;
		}
		if (vaultId == null) {
			return Response.error(404, "VaultNotFound", "No vault for host " + request.host());
		}
		if (this.state.isForbidden(vaultId)) {
			return Response.error(403, "Forbidden", "Caller is not authorized to perform action on resource.");
		}
		String vaultUri = this.state.vaultUri(vaultId);
		String[] parts = request.path().replaceAll("^/+|/+$", "").split("/");
		if (parts.length >= 1 && parts[0].equalsIgnoreCase("secrets")) {
			return secrets(request, vaultId, vaultUri, parts);
		}
		if (parts.length < 2 || !parts[0].equalsIgnoreCase("keys")) {
			return Response.error(404, "NotFound", request.path());
		}
		SimKey key = this.state.keys.get(SimKey.key(vaultId, parts[1]));
		if (key == null) {
			return Response.error(404, "KeyNotFound",
					"A key with (name/id) " + parts[1] + " was not found in this key vault.");
		}
		String action = (parts.length > 2) ? parts[2].toLowerCase(Locale.ROOT) : "";
		synchronized (key) {
			switch (action) {
				case "" -> {
					return Response.json(200, key.bundle(vaultUri, null));
				}
				case "versions" -> {
					List<Object> items = new ArrayList<>();
					key.versions().forEach((v) -> items.add(key.versionItem(vaultUri, v)));
					return Response.json(200, map("value", items));
				}
				case "rotate" -> {
					if (!request.method().equals("POST")) {
						return Response.error(405, "MethodNotAllowed", request.method());
					}
					SimKey.Version version = key.rotate(Instant.now());
					return Response.json(200, key.bundle(vaultUri, version));
				}
				case "rotationpolicy" -> {
					if (request.method().equals("PUT")) {
						key.updatePolicy(SimJson.parseObject(request.body()), Instant.now());
					}
					return Response.json(200, key.dataPlanePolicy(vaultUri));
				}
				default -> {
					SimKey.Version version = key.version(parts[2]);
					if (version == null) {
						return Response.error(404, "KeyNotFound", "Version not found");
					}
					if (request.method().equals("PATCH")) {
						version = key.update(version, SimJson.parseObject(request.body()), Instant.now());
					}
					return Response.json(200, key.bundle(vaultUri, version));
				}
			}
		}
	}

	/**
	 * {@code GET /secrets} (list, without values) and {@code GET
	 * /secrets/{name}[/{version}]} (the value), shaped as the data-plane 7.5 examples;
	 * anything else is 405.
	 */
	private Response secrets(Request request, String vaultId, String vaultUri, String[] parts) {
		if (!request.method().equals("GET")) {
			return Response.error(405, "MethodNotAllowed", request.method());
		}
		if (parts.length == 1) {
			List<Object> items = new ArrayList<>();
			String prefix = (vaultId + "/secrets/").toLowerCase(Locale.ROOT);
			this.state.secrets.forEach((key, secret) -> {
				if (key.startsWith(prefix)) {
					items.add(secret.item(vaultUri));
				}
			});
			return Response.json(200, map("value", items, "nextLink", null));
		}
		Secret secret = this.state.secrets.get(SimState.secretKey(vaultId, parts[1]));
		if (secret == null || (parts.length > 2 && !parts[2].equalsIgnoreCase(secret.version()))) {
			return Response.error(404, "SecretNotFound",
					"A secret with (name/id) " + parts[1] + " was not found in this key vault. If you recently deleted"
							+ " this secret you may be able to recover it using the correct recovery command.");
		}
		return Response.json(200, secret.bundle(vaultUri));
	}

}
