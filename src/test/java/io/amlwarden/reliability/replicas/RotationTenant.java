package io.amlwarden.reliability.replicas;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.amlwarden.azure.SimulatorHttpClient;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.LocalTokenIssuer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rotation workloads for the replica suites: stacks whose key is used by several
 * workspaces and a storage account pinned to the key's version (what
 * {@code io.amlwarden.rotation.RotationFixtures} builds, which is package-private), the
 * simulator state to check them against, and the rotation module's own entry points.
 */
final class RotationTenant {

	static final String TENANT = LocalTokenIssuer.TENANT_ID;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RotationTenant() {
	}

	/**
	 * A stack whose key is used by {@code workspaces} workspaces and a pinned storage
	 * account.
	 */
	@SuppressWarnings("unchecked")
	static TenantFixture.Stack stack(TenantFixture fixture, String subscription, String name, int workspaces) {
		return fixture.stack(subscription, "rg-" + name, name, (stack) -> {
			List<Object> versions = (List<Object>) stack.key.get("versions");
			String version = (String) ((Map<String, Object>) versions.get(versions.size() - 1)).get("version");
			Map<String, Object> encryption = (Map<String, Object>) stack.props(stack.storage).get("encryption");
			((Map<String, Object>) encryption.get("keyvaultproperties")).put("keyversion", version);
			for (int i = 2; i <= workspaces; i++) {
				Map<String, Object> copy = JSON.readValue(JSON.writeValueAsBytes(stack.workspace),
						new TypeReference<Map<String, Object>>() {
						});
				copy.put("id", stack.workspaceId + "-" + i);
				copy.put("name", name + "-" + i);
				((Map<String, Object>) copy.get("properties")).put("privateEndpointConnections", List.of());
				stack.extra.add(copy);
			}
		});
	}

	static List<String> workspaceIds(TenantFixture.Stack stack, int workspaces) {
		List<String> ids = new ArrayList<>(List.of(stack.workspaceId));
		for (int i = 2; i <= workspaces; i++) {
			ids.add(stack.workspaceId + "-" + i);
		}
		return ids;
	}

	@SuppressWarnings("unchecked")
	static String keyIdentifier(AzureSimulator simulator, String workspaceId) {
		Map<String, Object> properties = (Map<String, Object>) simulator.resource(workspaceId).get("properties");
		Map<String, Object> encryption = (Map<String, Object>) properties.get("encryption");
		return (String) ((Map<String, Object>) encryption.get("keyVaultProperties")).get("keyIdentifier");
	}

	@SuppressWarnings("unchecked")
	static String storageKeyVersion(AzureSimulator simulator, String storageId) {
		Map<String, Object> properties = (Map<String, Object>) simulator.resource(storageId).get("properties");
		Map<String, Object> encryption = (Map<String, Object>) properties.get("encryption");
		return (String) ((Map<String, Object>) encryption.get("keyvaultproperties")).get("keyversion");
	}

	/** Properties that point an instance at a simulator of the test's own. */
	static Map<String, String> properties(String subscription) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("warden.azure.tenant-id", TENANT);
		properties.put("warden.azure.subscriptions", subscription);
		properties.put("warden.azure.credential.client-id", "11111111-1111-1111-1111-111111111111");
		return properties;
	}

	static HttpClient httpClient(AzureSimulator simulator, Duration timeout) {
		return new SimulatorHttpClient(
				new NettyAsyncHttpClientBuilder().responseTimeout(timeout).readTimeout(timeout).build(),
				simulator.port());
	}

	/**
	 * One pass of the rotation worker of an instance: what its {@code work} job does
	 * every {@code warden.rotation.work-interval}, called directly because that job's
	 * first tick comes only 20 s after start.
	 */
	static int drain(ConfigurableApplicationContext context) {
		return (int) invoke(context, "io.amlwarden.rotation.RotationWorker", "drain");
	}

	/** What the {@code rotation-plan-due} job does on each tick. */
	static int planDue(ConfigurableApplicationContext context, int limit) {
		return (int) invoke(context, "io.amlwarden.rotation.RotationScheduler", "planDue", limit);
	}

	/** The name the instance's rotation worker writes into {@code rotation.locked_by}. */
	static String workerName(ConfigurableApplicationContext context) {
		try {
			Class<?> type = Class.forName("io.amlwarden.rotation.RotationWorker");
			java.lang.reflect.Field name = type.getDeclaredField("name");
			name.setAccessible(true);
			return (String) name.get(context.getBean(type));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object invoke(ConfigurableApplicationContext context, String typeName, String methodName,
			Object... args) {
		try {
			Class<?> type = Class.forName(typeName);
			Object bean = context.getBean(type);
			Method method = (args.length == 0) ? type.getDeclaredMethod(methodName)
					: type.getDeclaredMethod(methodName, int.class);
			method.setAccessible(true);
			return method.invoke(bean, args);
		}
		catch (java.lang.reflect.InvocationTargetException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
