package io.amlwarden.posture.checks;

import java.time.Duration;
import java.time.Instant;

import io.amlwarden.inventory.StorageAccount;
import io.amlwarden.posture.Category;
import io.amlwarden.posture.Severity;
import io.amlwarden.posture.WorkspaceGraph;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

@Component
class StKeyExpirationPolicyCheck extends StorageCheck {

	private static final String PATH = "properties.keyPolicy.keyExpirationPeriodInDays";

	private static final String EXPECTED = "set, and both account keys younger than it";

	StKeyExpirationPolicyCheck() {
		super(Meta.id("st-key-expiration-policy")
			.title("Storage account keys have an expiration policy and are rotated within it")
			.severity(Severity.MEDIUM)
			.category(Category.IDENTITY)
			.policies("044985bb-afe1-42cd-8a36-9d5d42424537")
			.mcsb("IM-8")
			.cis("CIS Azure 1.4.0 3.4")
			.rationale("Account keys grant full access to every service of the account and never expire by"
					+ " themselves. A key policy makes Azure flag keys older than the period, and a key created"
					+ " before now minus the period has outlived it and must be regenerated. Keys matter even when"
					+ " shared key access is disabled today: re-enabling it revives every old key.")
			.cli("az storage account update --name <account> --resource-group <rg> --key-exp-days 90"
					+ "  # then: az storage account keys renew --key primary|secondary")
			.bicep("properties.keyPolicy.keyExpirationPeriodInDays: 90"));
	}

	@Override
	String path() {
		return PATH;
	}

	@Override
	String expected() {
		return EXPECTED;
	}

	@Override
	Verdict judge(StorageAccount account, WorkspaceGraph graph) {
		Integer days = account.keyExpirationPeriodInDays();
		if (days == null) {
			return Verdict.fail(PATH, null, EXPECTED, "The account has no key expiration policy");
		}
		Instant limit = graph.now().minus(Duration.ofDays(days));
		String expired = expired("key1", account.key1CreationTime(), limit);
		if (expired == null) {
			expired = expired("key2", account.key2CreationTime(), limit);
		}
		if (expired != null) {
			return Verdict.fail(PATH, days + " days; " + expired, EXPECTED,
					"An account key is older than the " + days + "-day expiration period: " + expired);
		}
		return Verdict.pass(PATH, days + " days", EXPECTED, "Keys expire after " + days + " days and none has");
	}

	private static @Nullable String expired(String key, @Nullable Instant created, Instant limit) {
		return (created != null && created.isBefore(limit)) ? key + " created " + created : null;
	}

}
