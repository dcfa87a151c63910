package io.amlwarden.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.amlwarden.simulator.AzureSimulator.Request;
import io.amlwarden.simulator.AzureSimulator.Secret;

import static io.amlwarden.simulator.SimJson.list;
import static io.amlwarden.simulator.SimJson.obj;
import static io.amlwarden.simulator.SimJson.str;

/**
 * The simulated tenant and the simulator's settings, shared by the per-service routes:
 * resources by lower-cased ARM id, keys, secrets, principals, management groups, what is
 * forbidden, and the latency, clock scale, paging and long-running behaviour the facade
 * ({@link AzureSimulator}) configures.
 */
final class SimState {

	static final Pattern SUBSCRIPTION = Pattern.compile("^/subscriptions/([^/]+)", Pattern.CASE_INSENSITIVE);

	final String tenantId;

	final Set<String> subscriptions;

	/** By lower-cased id, sorted: listings and child collections are range scans. */
	final java.util.concurrent.ConcurrentNavigableMap<String, Map<String, Object>> resources = new java.util.concurrent.ConcurrentSkipListMap<>();

	/**
	 * By lower-cased {@code <vault id>/keys/<name>}, sorted: a vault's keys are a range.
	 */
	final java.util.concurrent.ConcurrentNavigableMap<String, SimKey> keys = new java.util.concurrent.ConcurrentSkipListMap<>();

	/**
	 * Resource Graph results by request (without paging options), for the later pages.
	 */
	final Map<String, List<Map<String, Object>>> graphResults = new ConcurrentHashMap<>();

	final Map<String, Map<String, Object>> principals = new ConcurrentHashMap<>();

	final GraphGroupMembership groupMembership = new GraphGroupMembership();

	final Map<String, Map<String, Object>> deletedPrincipals = new ConcurrentHashMap<>();

	/** Management group ARM id (lower case) to the subscriptions under it. */
	final Map<String, Set<String>> managementGroups = new ConcurrentHashMap<>();

	final Set<String> forbidden = ConcurrentHashMap.newKeySet();

	/** What the caller may do, by lower-cased scope. */
	final Map<String, List<Map<String, Object>>> callerPermissions = new ConcurrentHashMap<>();

	final AtomicLong throttled = new AtomicLong();

	/**
	 * Key Vault secrets by lower-cased {@code <vault id>/secrets/<name>}: the database
	 * password a deployment reads through the Key Vault property source.
	 */
	final Map<String, Secret> secrets = new ConcurrentHashMap<>();

	volatile long latencyMillis;

	volatile double clockScale = 1.0;

	volatile boolean tokenBucket;

	volatile int armPageSize = 100;

	volatile int lroPolls = 1;

	volatile int lroRetryAfterSeconds = 1;

	/** When set, the host that nextLink and Location URLs name (a hostile ARM). */
	volatile String linkHost;

	/** Every host a request named, lower-cased. */
	final java.util.Set<String> hostsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** The host links point at: the request's own unless a hostile one is set. */
	String linkHost(AzureSimulator.Request request) {
		String hostile = this.linkHost;
		return (hostile != null) ? hostile : request.host();
	}

	SimState(Map<String, Object> fixture) {
		this.tenantId = str(fixture, "tenantId");
		this.subscriptions = new HashSet<>();
		for (Object subscription : list(fixture.get("subscriptions"))) {
			this.subscriptions.add(subscription.toString().toLowerCase(Locale.ROOT));
		}
		for (Object resource : list(fixture.get("resources"))) {
			put(obj(resource));
		}
		for (Object key : list(fixture.get("keys"))) {
			SimKey simKey = SimKey.from(obj(key));
			this.keys.put(simKey.key(), simKey);
		}
		for (Object principal : list(fixture.get("principals"))) {
			this.principals.put(str(principal, "id").toLowerCase(Locale.ROOT), obj(principal));
		}
		for (Object principal : list(fixture.get("deletedPrincipals"))) {
			this.deletedPrincipals.put(str(principal, "id").toLowerCase(Locale.ROOT), obj(principal));
		}
		for (Object group : list(fixture.get("managementGroups"))) {
			Set<String> members = ConcurrentHashMap.newKeySet();
			for (Object subscription : list(obj(group).get("subscriptions"))) {
				members.add(subscription.toString().toLowerCase(Locale.ROOT));
			}
			this.managementGroups.put(str(group, "id").toLowerCase(Locale.ROOT), members);
		}
	}

	static String secretKey(String vaultId, String name) {
		return (vaultId + "/secrets/" + name).toLowerCase(Locale.ROOT);
	}

	void put(Map<String, Object> resource) {
		this.resources.put(str(resource, "id").toLowerCase(Locale.ROOT), resource);
	}

	static boolean authorized(Request request) {
		String header = request.header("authorization");
		return header != null && header.startsWith("Bearer ") && header.length() > 7;
	}

	static String subscriptionOf(String path) {
		Matcher matcher = SUBSCRIPTION.matcher(path);
		return matcher.find() ? matcher.group(1) : "";
	}

	boolean isForbidden(String id) {
		for (String denied : this.forbidden) {
			if (id.equals(denied) || id.startsWith(denied + "/")) {
				return true;
			}
		}
		return false;
	}

	String vaultIdForHost(String host) {
		String wanted = "https://" + host.toLowerCase(Locale.ROOT);
		for (Map.Entry<String, Map<String, Object>> entry : this.resources.entrySet()) {
			String uri = str(entry.getValue(), "properties", "vaultUri");
			if (uri != null && uri.toLowerCase(Locale.ROOT).replaceAll("/+$", "").equals(wanted)) {
				return entry.getKey();
			}
		}
		return null;
	}

	String vaultUri(String vaultId) {
		Map<String, Object> vault = this.resources.get(vaultId.toLowerCase(Locale.ROOT));
		String uri = (vault != null) ? str(vault, "properties", "vaultUri") : null;
		return (uri != null) ? uri.replaceAll("/+$", "") : null;
	}

	void sleepScaled(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			TimeUnit.MICROSECONDS.sleep((long) (millis * 1000 / this.clockScale));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
