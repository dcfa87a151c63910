package io.amlwarden.simulator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.amlwarden.simulator.AzureSimulator.Request;
import io.amlwarden.simulator.AzureSimulator.Response;

import static io.amlwarden.simulator.SimJson.map;

/**
 * The Entra-like identity endpoints of {@code login.microsoftonline.com}: instance
 * discovery, OpenID configuration, and a client-credentials token endpoint that hands out
 * opaque bearer tokens.
 */
final class LoginRoutes {

	private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();

	private final SimState state;

	LoginRoutes(SimState state) {
		this.state = state;
	}

	Response handle(Request request) {
		String path = request.path();
		if (path.endsWith("/discovery/instance")) {
			String host = request.host();
			return Response.json(200, map("tenant_discovery_endpoint",
					"https://" + host + "/" + this.state.tenantId + "/v2.0/.well-known/openid-configuration",
					"api-version", "1.1", "metadata",
					List.of(map("preferred_network", host, "preferred_cache", host, "aliases", List.of(host)))));
		}
		if (path.endsWith("/.well-known/openid-configuration")) {
			String base = "https://" + request.host() + "/" + this.state.tenantId;
			return Response.json(200,
					map("issuer", base + "/v2.0", "authorization_endpoint", base + "/oauth2/v2.0/authorize",
							"token_endpoint", base + "/oauth2/v2.0/token", "jwks_uri", base + "/discovery/v2.0/keys",
							"response_types_supported", List.of("code", "id_token", "token"), "subject_types_supported",
							List.of("pairwise"), "id_token_signing_alg_values_supported", List.of("RS256"),
							"tenant_region_scope", "EU"));
		}
		if (path.endsWith("/oauth2/v2.0/token") && request.method().equals("POST")) {
			Map<String, String> form = request.form();
			if (form.get("client_id") == null) {
				return Response.json(400, map("error", "invalid_request", "error_description", "client_id missing"));
			}
			String token = "sim." + UUID.randomUUID();
			this.issuedTokens.add(token);
			return Response.json(200, map("token_type", "Bearer", "expires_in", 3599, "ext_expires_in", 3599,
					"access_token", token, "scope", form.getOrDefault("scope", "")));
		}
		return Response.error(404, "NotFound", "Unknown identity route " + path);
	}

}
