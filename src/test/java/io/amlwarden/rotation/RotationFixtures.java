package io.amlwarden.rotation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.amlwarden.simulator.TenantFixture;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenants for rotation tests: workspace stacks whose key is shared by extra workspaces
 * and whose storage account pins a version or follows the latest one.
 */
final class RotationFixtures {

	static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RotationFixtures() {
	}

	/**
	 * Adds a stack whose key is used by {@code workspaces} workspaces and one storage
	 * account.
	 */
	@SuppressWarnings("unchecked")
	static TenantFixture.Stack stack(TenantFixture fixture, String subscription, String name, int workspaces,
			boolean pinnedStorage) {
		return fixture.stack(subscription, "rg-" + name, name, (stack) -> {
			String version = currentVersion(stack);
			if (pinnedStorage) {
				Map<String, Object> encryption = (Map<String, Object>) stack.props(stack.storage).get("encryption");
				((Map<String, Object>) encryption.get("keyvaultproperties")).put("keyversion", version);
			}
			for (int i = 2; i <= workspaces; i++) {
				Map<String, Object> copy = copy(stack.workspace);
				String id = stack.workspaceId + "-" + i;
				copy.put("id", id);
				copy.put("name", name + "-" + i);
				((Map<String, Object>) copy.get("properties")).put("privateEndpointConnections", List.of());
				stack.extra.add(copy);
			}
		});
	}

	@SuppressWarnings("unchecked")
	static String currentVersion(TenantFixture.Stack stack) {
		List<Object> versions = (List<Object>) stack.key.get("versions");
		return (String) ((Map<String, Object>) versions.get(versions.size() - 1)).get("version");
	}

	static List<String> workspaceIds(TenantFixture.Stack stack, int workspaces) {
		List<String> ids = new ArrayList<>(List.of(stack.workspaceId));
		for (int i = 2; i <= workspaces; i++) {
			ids.add(stack.workspaceId + "-" + i);
		}
		return ids;
	}

	static TenantFixture tenant(String subscription) {
		return new TenantFixture(TENANT, Instant.now()).subscription(subscription);
	}

	private static Map<String, Object> copy(Map<String, Object> value) {
		return JSON.readValue(JSON.writeValueAsBytes(value), new TypeReference<Map<String, Object>>() {
		});
	}

	static PolicyRequest keyPolicy(TenantFixture.Stack stack, String period) {
		return new PolicyRequest("rotate " + stack.vaultId, stack.vaultId, "cmk", null, period, null, null, "PT0S",
				null, null, null, null);
	}

}
