package io.amlwarden.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's payloads carry the fields, with the same casing, of spec-shaped samples
 * (taken from the examples in Azure/azure-rest-api-specs): every property path of the
 * sample must exist in the simulator's payload. Simulator payloads may carry more.
 */
class SpecShapeTests {

	private static final String SUB = "00000000-0000-4000-8000-0000000000d1";

	private final TenantFixture fixture = new TenantFixture("72f988bf-0000-4000-8000-0000000000d1", Instant.now())
		.subscription(SUB);

	private final TenantFixture.Stack stack = this.fixture.stack(SUB, "rg", "shape", null);

	@Test
	void payloadsMatchTheSpecExamples() throws IOException {
		this.fixture.roleAssignment("/subscriptions/" + SUB, TenantFixture.READER,
				"ce2ce14e-0000-4000-8000-000000000001", "User");
		try (AzureSimulator simulator = AzureSimulator.start(this.fixture.toJson())) {
			assertShape("workspace.json", simulator.resource(this.stack.workspaceId));
			assertShape("vault.json", simulator.resource(this.stack.vaultId));
			assertShape("storage.json", simulator.resource(this.stack.storageId));
			assertShape("key-arm.json", simulator.armKey(this.stack.vaultId, "cmk"));
			assertShape("key-bundle.json", simulator.keyBundle(this.stack.vaultId, "cmk"));
			assertShape("rotation-policy.json", simulator.rotationPolicy(this.stack.vaultId, "cmk"));
			Map<String, Object> assignment = this.fixture.toJson().get("resources") instanceof List<?> resources
					? resources.stream()
						.map(SimJson::obj)
						.filter((r) -> "Microsoft.Authorization/roleAssignments".equals(r.get("type")))
						.findFirst()
						.orElseThrow()
					: null;
			assertShape("role-assignment.json", assignment);
		}
	}

	@Test
	void keyAttributesAreEpochSecondsAndArmActionsLowerCase() {
		try (AzureSimulator simulator = AzureSimulator.start(this.fixture.toJson())) {
			assertThat(SimJson.at(simulator.keyBundle(this.stack.vaultId, "cmk"), "attributes", "created"))
				.isInstanceOf(Number.class);
			assertThat(SimJson.str(simulator.armKey(this.stack.vaultId, "cmk"), "properties", "rotationPolicy",
					"lifetimeActions"))
				.contains("type=rotate");
			assertThat(SimJson.str(simulator.rotationPolicy(this.stack.vaultId, "cmk"), "lifetimeActions"))
				.contains("type=Rotate");
		}
	}

	private static void assertShape(String sample, Map<String, Object> actual) throws IOException {
		try (InputStream in = SpecShapeTests.class.getClassLoader()
			.getResourceAsStream("simulator/spec-samples/" + sample)) {
			Map<String, Object> expected = SimJson.parseObject(in.readAllBytes());
			Set<String> missing = paths(expected, "");
			missing.removeAll(paths(actual, ""));
			assertThat(missing).as("fields of %s missing from the simulator's payload", sample).isEmpty();
		}
	}

	private static Set<String> paths(Object node, String prefix) {
		Set<String> paths = new TreeSet<>();
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				String path = prefix + "/" + key;
				paths.add(path);
				// Free-form maps (tags, outbound rules) are keyed by user data, not
				// schema.
				if (!Set.of("tags", "outboundRules", "identity").contains(key.toString())
						|| !(value instanceof Map<?, ?> m) || !m.isEmpty()) {
					if (!Set.of("tags", "outboundRules").contains(key.toString())) {
						paths.addAll(paths(value, path));
					}
				}
			});
		}
		else if (node instanceof List<?> list && !list.isEmpty()) {
			paths.addAll(paths(list.get(0), prefix + "[]"));
		}
		return paths;
	}

}
