package io.amlwarden.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.amlwarden.simulator.TenantFixture;

/**
 * The inventory benchmark's tenant: workspaces spread round-robin over subscriptions,
 * each with its own vault, CMK key (with rotation policy), storage account, registry and
 * 5 role assignments.
 */
final class BenchmarkTenant {

	static final String TENANT = "72f988bf-0000-4000-8000-0000000000be";

	private BenchmarkTenant() {
	}

	static List<String> subscriptions(int count) {
		List<String> subscriptions = new ArrayList<>();
		for (int s = 0; s < count; s++) {
			subscriptions.add(String.format("00000000-0000-4000-8000-%012d", s + 1));
		}
		return subscriptions;
	}

	static TenantFixture fixture(int workspaces, int subscriptionCount) {
		TenantFixture fixture = new TenantFixture(TENANT, Instant.now());
		List<String> subscriptions = subscriptions(subscriptionCount);
		subscriptions.forEach(fixture::subscription);
		for (int i = 0; i < workspaces; i++) {
			String subscription = subscriptions.get(i % subscriptionCount);
			TenantFixture.Stack stack = fixture.stack(subscription, "rg-" + (i / 100), "ws" + i, (s) -> {
				s.appInsights = null;
				s.props(s.workspace).remove("applicationInsights");
			});
			for (int a = 0; a < 4; a++) {
				stack.assignments.add(new String[] { stack.workspaceId, TenantFixture.AZUREML_DATA_SCIENTIST,
						String.format("00000000-aaaa-4000-8000-%012d", i * 4 + a), "User" });
			}
		}
		return fixture;
	}

}
