package io.amlwarden.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.amlwarden.simulator.SimJson.list;
import static io.amlwarden.simulator.SimJson.map;
import static io.amlwarden.simulator.SimJson.obj;
import static io.amlwarden.simulator.SimJson.str;

/**
 * A Key Vault key with its versions and rotation policy, rendered both as the ARM
 * {@code vaults/keys} resource and as the data-plane key bundle. Attributes are Unix
 * epoch seconds, as the service returns them.
 */
final class SimKey {

	private final String vaultId;

	private final String name;

	private final String kty;

	private final int keySize;

	private final List<String> keyOps;

	private final Map<String, Object> tags;

	private final List<Version> versions = new ArrayList<>();

	/**
	 * Stored as the data plane shapes it: {@code lifetimeActions}, {@code attributes}.
	 */
	private Map<String, Object> policy;

	private SimKey(String vaultId, String name, String kty, int keySize, List<String> keyOps,
			Map<String, Object> tags) {
		this.vaultId = vaultId;
		this.name = name;
		this.kty = kty;
		this.keySize = keySize;
		this.keyOps = keyOps;
		this.tags = tags;
	}

	static SimKey from(Map<String, Object> fixture) {
		List<String> ops = new ArrayList<>();
		list(fixture.get("keyOps")).forEach((op) -> ops.add(op.toString()));
		Object size = fixture.get("keySize");
		SimKey key = new SimKey(str(fixture, "vaultId"), str(fixture, "name"),
				(str(fixture, "kty") != null) ? str(fixture, "kty") : "RSA",
				(size instanceof Number n) ? n.intValue() : 3072,
				ops.isEmpty() ? List.of("encrypt", "decrypt", "wrapKey", "unwrapKey") : ops,
				(obj(fixture.get("tags")) != null) ? obj(fixture.get("tags")) : new LinkedHashMap<>());
		for (Object version : list(fixture.get("versions"))) {
			Map<String, Object> v = obj(version);
			Map<String, Object> tags = (obj(v.get("tags")) != null) ? obj(v.get("tags")) : key.tags;
			key.versions.add(new Version(str(v, "version"), epoch(v.get("created")), epoch(v.get("updated")),
					epoch(v.get("nbf")), epoch(v.get("exp")), !Boolean.FALSE.equals(v.get("enabled")),
					new LinkedHashMap<>(tags)));
		}
		key.policy = SimJson.copy(obj(fixture.get("rotationPolicy")));
		return key;
	}

	private static Long epoch(Object value) {
		return (value instanceof Number n) ? n.longValue() : null;
	}

	static String key(String vaultId, String name) {
		return (vaultId + "/keys/" + name).toLowerCase(Locale.ROOT);
	}

	String key() {
		return key(this.vaultId, this.name);
	}

	String vaultKey() {
		return this.vaultId.toLowerCase(Locale.ROOT);
	}

	String name() {
		return this.name;
	}

	List<Version> versions() {
		return List.copyOf(this.versions);
	}

	Version current() {
		return this.versions.get(this.versions.size() - 1);
	}

	Version version(String version) {
		return this.versions.stream().filter((v) -> v.version().equalsIgnoreCase(version)).findFirst().orElse(null);
	}

	/**
	 * Adds a version; new versions get the policy's {@code expiryTime} as their lifetime.
	 */
	Version rotate(Instant now) {
		long created = now.getEpochSecond();
		Long exp = null;
		String expiry = (this.policy != null) ? str(this.policy, "attributes", "expiryTime") : null;
		if (expiry != null) {
			exp = created + java.time.Period.parse(expiry).toTotalMonths() * 30 * 86400
					+ java.time.Period.parse(expiry).getDays() * 86400L;
		}
		// A new version starts without tags here; whether Key Vault copies the previous
		// version's tags is not documented, so callers must not rely on either.
		Version version = new Version(UUID.randomUUID().toString().replace("-", ""), created, created, null, exp, true,
				new LinkedHashMap<>());
		this.versions.add(version);
		return version;
	}

	/**
	 * {@code PATCH keys/{name}/{version}} (UpdateKey): replaces the version's tags when
	 * the body has {@code tags}, and its {@code enabled}, {@code nbf}, {@code exp}
	 * attributes when given.
	 */
	Version update(Version v, Map<String, Object> body, Instant now) {
		Map<String, Object> attributes = obj(body.get("attributes"));
		boolean enabled = v.enabled();
		Long nbf = v.nbf();
		Long exp = v.exp();
		if (attributes != null) {
			if (attributes.get("enabled") instanceof Boolean b) {
				enabled = b;
			}
			if (attributes.containsKey("nbf")) {
				nbf = epoch(attributes.get("nbf"));
			}
			if (attributes.containsKey("exp")) {
				exp = epoch(attributes.get("exp"));
			}
		}
		Map<String, Object> tags = (obj(body.get("tags")) != null) ? new LinkedHashMap<>(obj(body.get("tags")))
				: v.tags();
		Version updated = new Version(v.version(), v.created(), now.getEpochSecond(), nbf, exp, enabled, tags);
		this.versions.set(this.versions.indexOf(v), updated);
		return updated;
	}

	void updatePolicy(Map<String, Object> body, Instant now) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		Object expiry = SimJson.at(body, "attributes", "expiryTime");
		if (expiry != null) {
			attributes.put("expiryTime", expiry);
		}
		Object created = (this.policy != null) ? SimJson.at(this.policy, "attributes", "created") : null;
		attributes.put("created", (created != null) ? created : now.getEpochSecond());
		attributes.put("updated", now.getEpochSecond());
		this.policy = map("lifetimeActions", SimJson.copy(list(body.get("lifetimeActions"))), "attributes", attributes);
	}

	Map<String, Object> bundle(String vaultUri, Version version) {
		Version v = (version != null) ? version : current();
		return map("key", map("kid", vaultUri + "/keys/" + this.name + "/" + v.version(), "kty", this.kty, "key_ops",
				this.keyOps, "n",
				java.util.Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(("modulus-" + v.version()).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				"e", "AQAB"), "attributes", attributes(v, "recoveryLevel"), "tags", v.tags());
	}

	Map<String, Object> versionItem(String vaultUri, Version v) {
		return map("kid", vaultUri + "/keys/" + this.name + "/" + v.version(), "attributes",
				attributes(v, "recoveryLevel"), "tags", v.tags());
	}

	Map<String, Object> dataPlanePolicy(String vaultUri) {
		Map<String, Object> body = map("id", vaultUri + "/keys/" + this.name + "/rotationpolicy");
		if (this.policy != null) {
			body.put("lifetimeActions", SimJson.copy(this.policy.get("lifetimeActions")));
			body.put("attributes", SimJson.copy(this.policy.get("attributes")));
		}
		else {
			body.put("lifetimeActions", List.of());
			body.put("attributes", map());
		}
		return body;
	}

	/**
	 * The ARM {@code Microsoft.KeyVault/vaults/keys} resource; ARM writes rotation
	 * actions in lower case.
	 */
	Map<String, Object> toArm(String vaultUri, Version version) {
		Version v = (version != null) ? version : current();
		String id = this.vaultId + "/keys/" + this.name + ((version != null) ? "/versions/" + v.version() : "");
		Map<String, Object> properties = map("attributes", attributes(v, "recoveryLevel"), "kty", this.kty, "keyOps",
				this.keyOps, "keySize", this.keySize, "keyUri", vaultUri + "/keys/" + this.name, "keyUriWithVersion",
				vaultUri + "/keys/" + this.name + "/" + v.version());
		if (this.policy != null && version == null) {
			List<Object> actions = new ArrayList<>();
			for (Object action : list(this.policy.get("lifetimeActions"))) {
				Map<String, Object> a = SimJson.copy(obj(action));
				String type = str(a, "action", "type");
				if (type != null) {
					obj(a.get("action")).put("type", type.toLowerCase(Locale.ROOT));
				}
				actions.add(a);
			}
			properties.put("rotationPolicy",
					map("attributes", SimJson.copy(this.policy.get("attributes")), "lifetimeActions", actions));
		}
		return map("id", id, "name", (version != null) ? v.version() : this.name, "type",
				(version != null) ? "Microsoft.KeyVault/vaults/keys/versions" : "Microsoft.KeyVault/vaults/keys",
				"location", "westeurope", "tags", this.tags, "properties", properties);
	}

	private Map<String, Object> attributes(Version v, String recoveryKey) {
		return map("enabled", v.enabled(), "nbf", v.nbf(), "exp", v.exp(), "created", v.created(), "updated",
				v.updated(), recoveryKey, "Recoverable", "recoverableDays", 90, "exportable", false);
	}

	/**
	 * One version; Key Vault keeps tags per version.
	 */
	record Version(String version, Long created, Long updated, Long nbf, Long exp, boolean enabled,
			Map<String, Object> tags) {
	}

}
