package io.amlwarden.rotation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;

/**
 * Tenants for rotation tests, here and in the replica suites: workspace stacks whose key
 * is shared by extra workspaces and whose storage account pins a version or follows the
 * latest one, the simulator state to check them against, and the rotation jobs' entry
 * points for a running instance.
 */
public final class RotationFixtures {

	static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RotationFixtures() {
	}

	/**
	 * Adds a stack whose key is used by {@code workspaces} workspaces and one storage
	 * account.
	 */
	@SuppressWarnings("unchecked")
	public static TenantFixture.Stack stack(TenantFixture fixture, String subscription, String name, int workspaces,
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
	public static String currentVersion(TenantFixture.Stack stack) {
		List<Object> versions = (List<Object>) stack.key.get("versions");
		return (String) ((Map<String, Object>) versions.get(versions.size() - 1)).get("version");
	}

	public static List<String> workspaceIds(TenantFixture.Stack stack, int workspaces) {
		List<String> ids = new ArrayList<>(List.of(stack.workspaceId));
		for (int i = 2; i <= workspaces; i++) {
			ids.add(stack.workspaceId + "-" + i);
		}
		return ids;
	}

	static TenantFixture tenant(String subscription) {
		return new TenantFixture(TENANT, Instant.now()).subscription(subscription);
	}

	/** The versioned key URL a workspace in the simulator uses. */
	@SuppressWarnings("unchecked")
	public static String keyIdentifier(AzureSimulator simulator, String workspaceId) {
		Map<String, Object> properties = (Map<String, Object>) simulator.resource(workspaceId).get("properties");
		Map<String, Object> encryption = (Map<String, Object>) properties.get("encryption");
		return (String) ((Map<String, Object>) encryption.get("keyVaultProperties")).get("keyIdentifier");
	}

	/** The {@code keyvaultproperties} of a storage account in the simulator. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> storageKeyVault(AzureSimulator simulator, String storageId) {
		Map<String, Object> properties = (Map<String, Object>) simulator.resource(storageId).get("properties");
		return (Map<String, Object>) ((Map<String, Object>) properties.get("encryption")).get("keyvaultproperties");
	}

	/** The key version a storage account in the simulator is pinned to. */
	public static String storageKeyVersion(AzureSimulator simulator, String storageId) {
		return (String) storageKeyVault(simulator, storageId).get("keyversion");
	}

	/**
	 * One pass of an instance's rotation worker: what its {@code work} job does every
	 * {@code warden.rotation.work-interval}, called directly because that job's first
	 * tick comes only 20 s after start.
	 * @return how many rotations were claimed
	 */
	public static int drain(ApplicationContext context) {
		return context.getBean(RotationRunService.class).drain();
	}

	/** What the {@code rotation-plan-due} job does on each tick. */
	public static int planDue(ApplicationContext context, int limit) {
		return context.getBean(DueRotationService.class).planDue(limit);
	}

	/** The name an instance's rotation worker writes into {@code rotation.locked_by}. */
	public static String workerName(ApplicationContext context) {
		try {
			java.lang.reflect.Field name = RotationRunService.class.getDeclaredField("name");
			name.setAccessible(true);
			return (String) name.get(context.getBean(RotationRunService.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
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
