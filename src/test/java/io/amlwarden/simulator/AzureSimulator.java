package io.amlwarden.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static io.amlwarden.simulator.SimJson.at;
import static io.amlwarden.simulator.SimJson.list;
import static io.amlwarden.simulator.SimJson.map;
import static io.amlwarden.simulator.SimJson.obj;
import static io.amlwarden.simulator.SimJson.str;

/**
 * An in-process fake of the parts of Azure that AML Warden uses: Resource Graph, ARM, the
 * Key Vault data plane, Microsoft Graph and an Entra-like token endpoint. It listens on
 * {@code 127.0.0.1} on a random port; clients keep the real {@code https://} URLs and
 * send a copy of each request here with the original host in the {@value #ORIGINAL_HOST}
 * header (see {@code io.amlwarden.azure.SimulatorHttpClient}).
 * <p>
 * Stateful (rotating a key adds a version, PATCHing a workspace changes it), seeded from
 * a JSON tenant fixture, ids compared ignoring case. Faults can be injected per route,
 * ARM's read token bucket can be enforced, and every request is counted by route.
 */
public final class AzureSimulator implements AutoCloseable {

	/** Header carrying the host the client meant to reach. */
	public static final String ORIGINAL_HOST = "x-simulator-original-host";

	private static final Pattern SUBSCRIPTION = Pattern.compile("^/subscriptions/([^/]+)", Pattern.CASE_INSENSITIVE);

	private static final Pattern TYPE_LIST = Pattern.compile(
			"^/subscriptions/([^/]+)(?:/resourcegroups/([^/]+))?/providers/([^/]+)/([^/]+)$", Pattern.CASE_INSENSITIVE);

	private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

	private final HttpServer server;

	private final ExecutorService executor;

	private final String tenantId;

	private final Set<String> subscriptions;

	/** By lower-cased id, sorted: listings and child collections are range scans. */
	private final java.util.concurrent.ConcurrentNavigableMap<String, Map<String, Object>> resources = new java.util.concurrent.ConcurrentSkipListMap<>();

	/**
	 * By lower-cased {@code <vault id>/keys/<name>}, sorted: a vault's keys are a range.
	 */
	private final java.util.concurrent.ConcurrentNavigableMap<String, SimKey> keys = new java.util.concurrent.ConcurrentSkipListMap<>();

	/**
	 * Resource Graph results by request (without paging options), for the later pages.
	 */
	private final Map<String, List<Map<String, Object>>> graphResults = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> principals = new ConcurrentHashMap<>();

	private final GraphGroupMembership groupMembership = new GraphGroupMembership();

	private final Map<String, Map<String, Object>> deletedPrincipals = new ConcurrentHashMap<>();

	/** Management group ARM id (lower case) to the subscriptions under it. */
	private final Map<String, Set<String>> managementGroups = new ConcurrentHashMap<>();

	private final Map<String, Operation> operations = new ConcurrentHashMap<>();

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final Set<String> forbidden = ConcurrentHashMap.newKeySet();

	/** What the caller may do, by lower-cased scope. */
	private final Map<String, List<Map<String, Object>>> callerPermissions = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final AtomicLong throttled = new AtomicLong();

	private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();

	/**
	 * Key Vault secrets by lower-cased {@code <vault id>/secrets/<name>}: the database
	 * password a deployment reads through the Key Vault property source.
	 */
	private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

	private volatile long latencyMillis;

	private volatile double clockScale = 1.0;

	private volatile boolean tokenBucket;

	private volatile int armPageSize = 100;

	private volatile int lroPolls = 1;

	private volatile int lroRetryAfterSeconds = 1;

	private AzureSimulator(Map<String, Object> fixture, int threads) {
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
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.executor = Executors.newFixedThreadPool(threads, (runnable) -> {
			Thread thread = new Thread(runnable, "azure-simulator");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Starts a simulator seeded from a classpath fixture, e.g.
	 * {@code simulator/demo.json}.
	 */
	public static AzureSimulator fromClasspath(String resource) {
		try (InputStream in = AzureSimulator.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + resource);
			}
			return start(SimJson.parseObject(in.readAllBytes()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts a simulator seeded with a named fixture: {@code demo} is the
	 * {@link DemoTenant} as of now; any other name is read from
	 * {@code simulator/<name>.json} on the classpath.
	 */
	public static AzureSimulator named(String name) {
		if ("demo".equals(name)) {
			return start(DemoTenant.fixture(Instant.now()).toJson());
		}
		return fromClasspath("simulator/" + name + ".json");
	}

	public static AzureSimulator start(Map<String, Object> fixture) {
		return new AzureSimulator(fixture, 64);
	}

	public static AzureSimulator start(Map<String, Object> fixture, int threads) {
		return new AzureSimulator(fixture, threads);
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public String tenantId() {
		return this.tenantId;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	// ---- configuration -------------------------------------------------------------

	/** Latency added to every request (scaled by the clock). */
	public AzureSimulator latency(long millis) {
		this.latencyMillis = millis;
		return this;
	}

	/**
	 * Runs latency and token refill faster by this factor; figures measured against a
	 * scaled simulator must be multiplied back by the caller.
	 */
	public AzureSimulator clockScale(double scale) {
		this.clockScale = scale;
		return this;
	}

	/** Enforces ARM's read bucket: 250 burst, 25 reads/s per subscription. */
	public AzureSimulator enforceTokenBucket(boolean enforce) {
		this.tokenBucket = enforce;
		return this;
	}

	public AzureSimulator armPageSize(int size) {
		this.armPageSize = size;
		return this;
	}

	/**
	 * How long-running PATCHes behave: the number of 202 polls before success, and
	 * Retry-After.
	 */
	public AzureSimulator longRunning(int polls, int retryAfterSeconds) {
		this.lroPolls = polls;
		this.lroRetryAfterSeconds = retryAfterSeconds;
		return this;
	}

	/**
	 * Answers 403 for every ARM or data-plane request on this resource (and hides it from
	 * Graph).
	 */
	public AzureSimulator forbid(String resourceId) {
		this.forbidden.add(resourceId.toLowerCase(Locale.ROOT));
		return this;
	}

	public AzureSimulator fault(Fault fault) {
		this.faults.add(fault);
		return this;
	}

	public void clearFaults() {
		this.faults.clear();
		this.forbidden.clear();
	}

	// ---- counters ---------------------------------------------------------------------

	/**
	 * Group membership in the simulated directory (Graph's transitive checks).
	 * @return the memberships, to add to
	 */
	public GraphGroupMembership groupMembership() {
		return this.groupMembership;
	}

	/**
	 * Requests by route label, e.g. {@code arm GET keys}, {@code graph POST resources}.
	 */
	public Map<String, Long> counts() {
		Map<String, Long> snapshot = new java.util.TreeMap<>();
		this.counters.forEach((route, count) -> snapshot.put(route, count.get()));
		return snapshot;
	}

	/**
	 * Requests to one service: {@code arm}, {@code graph}, {@code keyvault},
	 * {@code msgraph}, {@code login}.
	 */
	public long count(String service) {
		return this.counters.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith(service + " "))
			.mapToLong((e) -> e.getValue().get())
			.sum();
	}

	public long count(String service, String method, String route) {
		AtomicLong value = this.counters.get(service + " " + method + " " + route);
		return (value != null) ? value.get() : 0;
	}

	/** ARM requests refused by the token bucket. */
	public long throttledCount() {
		return this.throttled.get();
	}

	public void resetCounts() {
		this.counters.clear();
	}

	// ---- state access for tests ----------------------------------------------------

	public Map<String, Object> resource(String id) {
		Map<String, Object> resource = this.resources.get(id.toLowerCase(Locale.ROOT));
		return (resource != null) ? SimJson.copy(resource) : null;
	}

	/**
	 * Changes a resource in place (e.g. a role assignment edited in Azure between a
	 * review's snapshot and its application).
	 */
	public void updateResource(String id, java.util.function.Consumer<Map<String, Object>> change) {
		Map<String, Object> resource = this.resources.get(id.toLowerCase(Locale.ROOT));
		if (resource == null) {
			throw new IllegalArgumentException("No resource " + id);
		}
		synchronized (resource) {
			change.accept(resource);
		}
	}

	/** Whether a resource (e.g. a role assignment) exists. */
	public boolean exists(String id) {
		return this.resources.containsKey(id.toLowerCase(Locale.ROOT));
	}

	/** Moves a principal to the directory's deleted items (soft delete). */
	public void softDeletePrincipal(String objectId) {
		Map<String, Object> principal = this.principals.remove(objectId.toLowerCase(Locale.ROOT));
		if (principal != null) {
			principal.put("deletedDateTime", Instant.now().toString());
			this.deletedPrincipals.put(objectId.toLowerCase(Locale.ROOT), principal);
		}
	}

	public List<String> keyVersions(String vaultId, String name) {
		SimKey key = this.keys.get(SimKey.key(vaultId, name));
		return (key != null) ? key.versions().stream().map(SimKey.Version::version).toList() : List.of();
	}

	/** The ARM view of a key, as {@code vaults/keys} returns it. */
	public Map<String, Object> armKey(String vaultId, String name) {
		SimKey key = this.keys.get(SimKey.key(vaultId, name));
		return (key != null) ? key.toArm(vaultUri(vaultId), null) : null;
	}

	/** The data-plane view of a key's current version. */
	public Map<String, Object> keyBundle(String vaultId, String name) {
		SimKey key = this.keys.get(SimKey.key(vaultId, name));
		return (key != null) ? key.bundle(vaultUri(vaultId), null) : null;
	}

	/**
	 * Sets what the calling identity may do at a scope and below (answered by {@code GET
	 * {scope}/providers/Microsoft.Authorization/permissions}; the deepest scope set
	 * wins). Without any, the caller holds {@code actions: ["*"]} and the key data
	 * actions, like Owner plus Key Vault Crypto Officer.
	 * @param scope an ARM id
	 * @param entries permission entries: maps with {@code actions}, {@code notActions},
	 * {@code dataActions}, {@code notDataActions}
	 * @return this simulator
	 */
	public AzureSimulator callerPermissions(String scope, List<Map<String, Object>> entries) {
		this.callerPermissions.put(scope.toLowerCase(Locale.ROOT).replaceAll("/+$", ""), List.copyOf(entries));
		return this;
	}

	private Response callerPermissions(String lower) {
		String scope = lower.substring(0, lower.length() - "/providers/microsoft.authorization/permissions".length());
		if (!this.resources.containsKey(scope) && !scope.matches("^/subscriptions/[^/]+(/resourcegroups/[^/]+)?$")) {
			return Response.error(404, "ResourceNotFound", "The Resource '" + scope + "' was not found.");
		}
		List<Map<String, Object>> entries = null;
		int depth = -1;
		for (Map.Entry<String, List<Map<String, Object>>> set : this.callerPermissions.entrySet()) {
			if ((scope.equals(set.getKey()) || scope.startsWith(set.getKey() + "/")) && set.getKey().length() > depth) {
				entries = set.getValue();
				depth = set.getKey().length();
			}
		}
		if (entries == null) {
			entries = List.of(map("actions", List.of("*"), "notActions", List.of(), "dataActions",
					List.of("Microsoft.KeyVault/vaults/keys/*"), "notDataActions", List.of()));
		}
		return Response.json(200, map("value", entries));
	}

	/**
	 * The tags of one key version, as the data plane returns them.
	 */
	@SuppressWarnings("unchecked")
	public Map<String, Object> keyVersionTags(String vaultId, String name, String version) {
		SimKey key = this.keys.get(SimKey.key(vaultId, name));
		synchronized (key) {
			return Map.copyOf((Map<String, Object>) key.bundle(vaultUri(vaultId), key.version(version)).get("tags"));
		}
	}

	public Map<String, Object> rotationPolicy(String vaultId, String name) {
		SimKey key = this.keys.get(SimKey.key(vaultId, name));
		return (key != null) ? key.dataPlanePolicy(vaultUri(vaultId)) : null;
	}

	/**
	 * Stores a secret (a new version) in a vault of the fixture, for clients of the Key
	 * Vault secrets data plane.
	 */
	public void putSecret(String vaultId, String name, String value) {
		if (vaultUri(vaultId) == null) {
			throw new IllegalArgumentException("No vault " + vaultId);
		}
		this.secrets.put(secretKey(vaultId, name),
				new Secret(name, value, UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond()));
	}

	/** The data-plane view of a secret's current version ({@code SecretBundle}). */
	public Map<String, Object> secretBundle(String vaultId, String name) {
		Secret secret = this.secrets.get(secretKey(vaultId, name));
		return (secret != null) ? secret.bundle(vaultUri(vaultId)) : null;
	}

	private static String secretKey(String vaultId, String name) {
		return (vaultId + "/secrets/" + name).toLowerCase(Locale.ROOT);
	}

	private void put(Map<String, Object> resource) {
		this.resources.put(str(resource, "id").toLowerCase(Locale.ROOT), resource);
	}

	// ---- HTTP -----------------------------------------------------------------------

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Request request = Request.of(exchange);
			String service = request.path().toLowerCase(Locale.ROOT).startsWith("/providers/microsoft.resourcegraph/")
					? "graph" : service(request.host());
			String route = service + " " + request.method() + " " + routeName(request);
			this.counters.computeIfAbsent(route, (r) -> new AtomicLong()).incrementAndGet();
			sleepScaled(this.latencyMillis);
			Response response = injectedFault(request, route);
			if (response == null) {
				response = switch (request.path()
					.toLowerCase(Locale.ROOT)
					.startsWith("/providers/microsoft.resourcegraph/") ? "graph" : service) {
					case "login" -> login(request);
					case "graph" -> resourceGraph(request);
					case "keyvault" -> keyVault(request);
					case "msgraph" -> microsoftGraph(request);
					default -> arm(request);
				};
			}
			send(exchange, response);
		}
		catch (RuntimeException ex) {
			send(exchange, Response.error(500, "InternalServerError", String.valueOf(ex)));
		}
	}

	private static String service(String host) {
		if (host.startsWith("login.")) {
			return "login";
		}
		if (host.contains(".vault.") || host.contains(".vault")) {
			return "keyvault";
		}
		if (host.startsWith("graph.") || host.startsWith("microsoftgraph.")) {
			return "msgraph";
		}
		return "arm";
	}

	private static final Set<String> COLLECTIONS = Set.of("workspaces", "computes", "onlineendpoints", "vaults", "keys",
			"versions", "storageaccounts", "registries", "components", "roleassignments", "roledefinitions", "pricings",
			"diagnosticsettings", "workspaceoperationsstatus", "deleteditems", "directoryobjects", "secrets");

	/**
	 * A route label: the last collection in the path, with {@code /{name}} when an item
	 * of it is addressed, or the trailing action ({@code rotate}, {@code token}, ...).
	 */
	private static String routeName(Request request) {
		String path = request.path().toLowerCase(Locale.ROOT);
		if (path.startsWith("/providers/microsoft.resourcegraph/resources")) {
			return "resources";
		}
		String[] parts = path.replaceAll("^/+|/+$", "").split("/");
		for (int i = parts.length - 1; i >= 0; i--) {
			if (COLLECTIONS.contains(parts[i])) {
				if (i == parts.length - 1) {
					return parts[i];
				}
				if (i == parts.length - 2) {
					return parts[i] + "/{name}";
				}
				return parts[parts.length - 1].matches("[a-z]+") ? parts[parts.length - 1] : parts[i] + "/{name}";
			}
		}
		return parts[parts.length - 1];
	}

	private Response injectedFault(Request request, String route) {
		for (Fault fault : this.faults) {
			if (!fault.matches(route, request.path())) {
				continue;
			}
			if (!fault.consume()) {
				continue;
			}
			sleepScaled(fault.latencyMillis());
			if (fault.timeout()) {
				sleepScaled(600_000);
			}
			if (fault.status() > 0) {
				Response response = Response.error(fault.status(),
						(fault.code() != null) ? fault.code() : codeFor(fault.status()),
						(fault.message() != null) ? fault.message() : "Injected fault");
				if (fault.retryAfterSeconds() >= 0) {
					response.headers().put("Retry-After", Integer.toString(fault.retryAfterSeconds()));
				}
				return response;
			}
		}
		return null;
	}

	private static String codeFor(int status) {
		return switch (status) {
			case 403 -> "AuthorizationFailed";
			case 404 -> "ResourceNotFound";
			case 429 -> "TooManyRequests";
			default -> "InternalServerError";
		};
	}

	// ---- login ------------------------------------------------------------------------

	private Response login(Request request) {
		String path = request.path();
		if (path.endsWith("/discovery/instance")) {
			String host = request.host();
			return Response.json(200, map("tenant_discovery_endpoint",
					"https://" + host + "/" + this.tenantId + "/v2.0/.well-known/openid-configuration", "api-version",
					"1.1", "metadata",
					List.of(map("preferred_network", host, "preferred_cache", host, "aliases", List.of(host)))));
		}
		if (path.endsWith("/.well-known/openid-configuration")) {
			String base = "https://" + request.host() + "/" + this.tenantId;
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

	private boolean authorized(Request request) {
		String header = request.header("authorization");
		return header != null && header.startsWith("Bearer ") && header.length() > 7;
	}

	// ---- Resource Graph ---------------------------------------------------------------

	private Response resourceGraph(Request request) {
		if (!authorized(request)) {
			return Response.error(401, "AuthenticationFailed", "Missing bearer token");
		}
		Map<String, Object> body = SimJson.parseObject(request.body());
		String query = str(body, "query");
		String table = query.trim().split("[\\s|]+")[0].toLowerCase(Locale.ROOT);
		Set<String> types = new HashSet<>();
		Matcher where = Pattern.compile("type\\s*(?:in~|=~|==|in)\\s*\\(?([^|)]*)", Pattern.CASE_INSENSITIVE)
			.matcher(query);
		if (where.find()) {
			Matcher quoted = QUOTED.matcher(where.group(1));
			while (quoted.find()) {
				types.add(quoted.group(1).toLowerCase(Locale.ROOT));
			}
		}
		Set<String> subs = new HashSet<>();
		for (Object subscription : list(body.get("subscriptions"))) {
			subs.add(subscription.toString().toLowerCase(Locale.ROOT));
		}
		// Matching resources in id order (the map is sorted); only the page is copied.
		// Later pages of the same query reuse the first page's match.
		Map<String, Object> options = obj(body.get("options"));
		String skipToken = (options != null) ? str(options, "$skipToken") : null;
		String cacheKey = query + "|" + new java.util.TreeSet<>(subs);
		List<Map<String, Object>> cached = (skipToken != null) ? this.graphResults.get(cacheKey) : null;
		List<Map<String, Object>> rows = (cached != null) ? cached : new ArrayList<>();
		for (Map.Entry<String, Map<String, Object>> entry : (cached != null)
				? java.util.List.<Map.Entry<String, Map<String, Object>>>of() : this.resources.entrySet()) {
			String id = entry.getKey();
			String type = str(entry.getValue(), "type").toLowerCase(Locale.ROOT);
			if (!tableOf(type).equals(table) || (!types.isEmpty() && !types.contains(type)) || isForbidden(id)) {
				continue;
			}
			Matcher sub = SUBSCRIPTION.matcher(id);
			// Tenant-level rows (built-in role definitions) come with every query.
			boolean tenantLevel = !id.startsWith("/subscriptions/");
			if (!tenantLevel && (!sub.find() || !subs.contains(sub.group(1)))) {
				continue;
			}
			rows.add(entry.getValue());
		}
		this.graphResults.put(cacheKey, rows);
		int top = (options != null && options.get("$top") != null) ? ((Number) options.get("$top")).intValue() : 1000;
		int offset = (skipToken != null)
				? Integer.parseInt(new String(Base64.getDecoder().decode(skipToken), StandardCharsets.UTF_8)) : 0;
		List<Map<String, Object>> page = new ArrayList<>();
		for (Map<String, Object> row : rows.subList(Math.min(offset, rows.size()),
				Math.min(rows.size(), offset + top))) {
			page.add(graphRow(row, str(row, "type").toLowerCase(Locale.ROOT)));
		}
		Map<String, Object> result = map("totalRecords", rows.size(), "count", page.size(), "resultTruncated", "false",
				"data", page, "facets", List.of());
		if (offset + top < rows.size()) {
			result.put("$skipToken", Base64.getEncoder()
				.encodeToString(Integer.toString(offset + top).getBytes(StandardCharsets.UTF_8)));
		}
		Response response = Response.json(200, result);
		response.headers().put("x-ms-user-quota-remaining", "14");
		response.headers().put("x-ms-user-quota-resets-after", "00:00:05");
		return response;
	}

	private static String tableOf(String type) {
		if (type.startsWith("microsoft.authorization/")) {
			return "authorizationresources";
		}
		if (type.startsWith("microsoft.security/")) {
			return "securityresources";
		}
		return "resources";
	}

	/**
	 * Resource Graph lower-cases types and adds resource group and subscription columns.
	 */
	private static Map<String, Object> graphRow(Map<String, Object> resource, String type) {
		Map<String, Object> row = SimJson.copy(resource);
		row.put("type", type);
		String id = str(resource, "id");
		Matcher sub = SUBSCRIPTION.matcher(id);
		row.put("subscriptionId", sub.find() ? sub.group(1) : "");
		Matcher rg = Pattern.compile("/resourcegroups/([^/]+)", Pattern.CASE_INSENSITIVE).matcher(id);
		row.put("resourceGroup", rg.find() ? rg.group(1).toLowerCase(Locale.ROOT) : "");
		return row;
	}

	// ---- ARM -------------------------------------------------------------------------

	private Response arm(Request request) {
		if (!authorized(request)) {
			Response response = Response.error(401, "AuthenticationFailed", "Missing bearer token");
			response.headers()
				.put("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/" + this.tenantId
						+ "\", error=\"invalid_token\"");
			return response;
		}
		String path = request.path();
		String lower = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
		Matcher sub = SUBSCRIPTION.matcher(lower);
		String subscription = sub.find() ? sub.group(1) : null;
		if (request.method().equals("GET") && subscription != null && this.tokenBucket) {
			Response throttled = take(subscription);
			if (throttled != null) {
				return throttled;
			}
		}
		for (String denied : this.forbidden) {
			if (lower.equals(denied) || lower.startsWith(denied + "/")) {
				return Response.error(403, "AuthorizationFailed",
						"The client does not have authorization to perform " + "action over scope '" + path + "'");
			}
		}
		Response response = switch (request.method()) {
			case "GET" -> armGet(request, lower);
			case "PATCH" -> armPatch(request, lower);
			case "PUT" -> armPut(request, lower);
			case "DELETE" -> armDelete(request, lower);
			default -> Response.error(405, "MethodNotAllowed", request.method());
		};
		if (subscription != null && this.tokenBucket && request.method().equals("GET")) {
			response.headers()
				.put("x-ms-ratelimit-remaining-subscription-reads", Long.toString((long) bucket(subscription).tokens));
		}
		return response;
	}

	private Response armGet(Request request, String lower) {
		if (lower.endsWith("/providers/microsoft.authorization/permissions")) {
			return callerPermissions(lower);
		}
		if (lower.contains("/workspaceoperationsstatus/")) {
			return pollOperation(lower);
		}
		if (lower.endsWith("/keys") && lower.contains("/providers/microsoft.keyvault/vaults/")) {
			String vaultId = lower.substring(0, lower.length() - "/keys".length());
			if (!this.resources.containsKey(vaultId)) {
				return Response.error(404, "ResourceNotFound", "Vault not found");
			}
			List<Object> items = new ArrayList<>();
			String vaultUri = vaultUri(vaultId);
			this.keys.subMap(vaultId + "/keys/", vaultId + "/keys/" + Character.MAX_VALUE)
				.values()
				.forEach((k) -> items.add(k.toArm(vaultUri, null)));
			return page(request, items);
		}
		Matcher keyPath = Pattern
			.compile("^(.*/providers/microsoft.keyvault/vaults/[^/]+)/keys/([^/]+)(/versions(?:/([^/]+))?)?$")
			.matcher(lower);
		if (keyPath.find()) {
			SimKey key = this.keys.get(SimKey.key(keyPath.group(1), keyPath.group(2)));
			if (key == null) {
				return Response.error(404, "ResourceNotFound", "Key not found");
			}
			String vaultUri = vaultUri(keyPath.group(1));
			if (keyPath.group(3) == null) {
				return Response.json(200, key.toArm(vaultUri, null));
			}
			if (keyPath.group(4) != null) {
				SimKey.Version version = key.version(keyPath.group(4));
				return (version != null) ? Response.json(200, key.toArm(vaultUri, version))
						: Response.error(404, "ResourceNotFound", "Version not found");
			}
			List<Object> items = new ArrayList<>();
			key.versions().forEach((v) -> items.add(key.toArm(vaultUri, v)));
			return page(request, items);
		}
		Map<String, Object> resource = this.resources.get(lower);
		if (resource != null) {
			return Response.json(200, resource);
		}
		Matcher typeList = TYPE_LIST.matcher(lower);
		if (typeList.find() && !typeList.group(3).equals("microsoft.authorization")) {
			String type = typeList.group(3) + "/" + typeList.group(4);
			String subscription = typeList.group(1);
			String resourceGroup = typeList.group(2);
			if (!this.subscriptions.contains(subscription)) {
				return Response.error(404, "SubscriptionNotFound",
						"The subscription '" + subscription + "' could not be found.");
			}
			List<Object> items = new ArrayList<>();
			sorted().forEach((entry) -> {
				String id = entry.getKey();
				if (str(entry.getValue(), "type").equalsIgnoreCase(type)
						&& id.startsWith("/subscriptions/" + subscription + "/")
						&& (resourceGroup == null || id.contains("/resourcegroups/" + resourceGroup + "/"))
						&& !isForbidden(id)) {
					items.add(entry.getValue());
				}
			});
			if (!items.isEmpty() || type.equals("microsoft.security/pricings") || isKnownProviderType(type)) {
				return page(request, items);
			}
		}
		if (lower.endsWith("/providers/microsoft.authorization/roleassignments")) {
			String scope = lower.substring(0,
					lower.length() - "/providers/microsoft.authorization/roleassignments".length());
			List<Object> items = new ArrayList<>();
			sorted().forEach((entry) -> {
				String assignmentScope = str(entry.getValue(), "properties", "scope");
				if (str(entry.getValue(), "type").equalsIgnoreCase("Microsoft.Authorization/roleAssignments")
						&& assignmentScope != null) {
					String key = assignmentScope.toLowerCase(Locale.ROOT);
					if (key.equals(scope) || key.startsWith(scope + "/") || scope.startsWith(key + "/")
							|| key.equals("/") || inManagementGroup(scope, key)) {
						items.add(entry.getValue());
					}
				}
			});
			return page(request, items);
		}
		if (lower.endsWith("/providers/microsoft.authorization/roledefinitions")) {
			List<Object> items = new ArrayList<>();
			sorted().forEach((entry) -> {
				if (str(entry.getValue(), "type").equalsIgnoreCase("Microsoft.Authorization/roleDefinitions")) {
					items.add(entry.getValue());
				}
			});
			return page(request, items);
		}
		// A child collection: everything exactly one segment below the path.
		List<Object> children = new ArrayList<>();
		String prefix = lower + "/";
		this.resources.subMap(prefix, prefix + Character.MAX_VALUE).forEach((id, value) -> {
			if (id.indexOf('/', prefix.length()) < 0) {
				children.add(value);
			}
		});
		// The resource the collection hangs off: ".../computes" or an extension
		// collection such as ".../providers/microsoft.insights/diagnosticsettings".
		String parent = lower.substring(0, lower.lastIndexOf('/'));
		Matcher extension = Pattern.compile("^(.*)/providers/[^/]+$").matcher(parent);
		if (extension.find()) {
			parent = extension.group(1);
		}
		if (!children.isEmpty() || this.resources.containsKey(parent)) {
			return page(request, children);
		}
		return Response.error(404, "ResourceNotFound", "The Resource '" + request.path() + "' was not found.");
	}

	private static boolean isKnownProviderType(String type) {
		return Set
			.of("microsoft.machinelearningservices/workspaces", "microsoft.keyvault/vaults",
					"microsoft.storage/storageaccounts", "microsoft.containerregistry/registries",
					"microsoft.insights/components", "microsoft.operationalinsights/workspaces")
			.contains(type);
	}

	private java.util.Collection<Map.Entry<String, Map<String, Object>>> sorted() {
		return this.resources.entrySet();
	}

	private Response page(Request request, List<Object> items) {
		int offset = 0;
		String token = request.query().get("$skiptoken");
		if (token != null) {
			offset = Integer.parseInt(token);
		}
		int size = this.armPageSize;
		List<Object> page = items.subList(Math.min(offset, items.size()), Math.min(items.size(), offset + size));
		Map<String, Object> body = map("value", page);
		if (offset + size < items.size()) {
			body.put("nextLink", "https://" + request.host() + request.path() + "?api-version="
					+ request.query().getOrDefault("api-version", "") + "&$skiptoken=" + (offset + size));
		}
		return Response.json(200, body);
	}

	private boolean inManagementGroup(String scope, String assignmentScope) {
		Set<String> members = this.managementGroups.get(assignmentScope);
		return members != null && members.contains(subscriptionOf(scope));
	}

	private static final Pattern ROLE_ASSIGNMENT = Pattern
		.compile("^(.*)/providers/microsoft\\.authorization/roleassignments/([^/]+)$");

	/**
	 * Creates a role assignment ({@code PUT {scope}/providers/Microsoft.Authorization/
	 * roleAssignments/{name}}); refuses principals the directory does not hold, as ARM
	 * does ({@code PrincipalNotFound}), and an existing name with other content
	 * ({@code RoleAssignmentExists}).
	 */
	private Response armPut(Request request, String lower) {
		Matcher matcher = ROLE_ASSIGNMENT.matcher(lower);
		if (!matcher.find()) {
			return Response.error(405, "MethodNotAllowed", "Only role assignments can be created here");
		}
		Map<String, Object> body = SimJson.parseObject(request.body());
		Map<String, Object> properties = obj(body.get("properties"));
		String principalId = (properties != null) ? str(properties, "principalId") : null;
		String roleDefinitionId = (properties != null) ? str(properties, "roleDefinitionId") : null;
		if (principalId == null || roleDefinitionId == null) {
			return Response.error(400, "InvalidRoleAssignmentRequest", "principalId and roleDefinitionId are required");
		}
		if (!this.principals.containsKey(principalId.toLowerCase(Locale.ROOT))) {
			return Response.error(400, "PrincipalNotFound",
					"Principal " + principalId + " does not exist in the directory " + this.tenantId + ".");
		}
		if (this.resources.containsKey(lower)) {
			return Response.error(409, "RoleAssignmentExists", "The role assignment already exists.");
		}
		String path = request.path().replaceAll("/+$", "");
		String scope = path.substring(0, path.length()
				- ("/providers/Microsoft.Authorization/roleAssignments/".length() + matcher.group(2).length()));
		String now = Instant.now().toString();
		Map<String, Object> stored = new LinkedHashMap<>();
		stored.put("roleDefinitionId", roleDefinitionId);
		stored.put("principalId", principalId);
		stored.put("principalType", str(properties, "principalType"));
		stored.put("scope", scope);
		stored.put("condition", str(properties, "condition"));
		stored.put("conditionVersion", str(properties, "conditionVersion"));
		stored.put("createdOn", now);
		stored.put("updatedOn", now);
		stored.put("createdBy", null);
		stored.put("updatedBy", null);
		stored.put("delegatedManagedIdentityResourceId", str(properties, "delegatedManagedIdentityResourceId"));
		stored.put("description", str(properties, "description"));
		Map<String, Object> assignment = map("id", path, "name", path.substring(path.lastIndexOf('/') + 1), "type",
				"Microsoft.Authorization/roleAssignments", "properties", stored);
		put(assignment);
		return Response.json(201, assignment);
	}

	/**
	 * Deletes a role assignment: {@code 200} with the deleted assignment, {@code 204}
	 * when it did not exist (ARM's behaviour).
	 */
	private Response armDelete(Request request, String lower) {
		if (!ROLE_ASSIGNMENT.matcher(lower).find()) {
			return Response.error(405, "MethodNotAllowed", "Only role assignments can be deleted here");
		}
		Map<String, Object> removed = this.resources.remove(lower);
		return (removed != null) ? Response.json(200, removed) : new Response(204, new byte[0], new LinkedHashMap<>());
	}

	private Response armPatch(Request request, String lower) {
		Map<String, Object> resource = this.resources.get(lower);
		if (resource == null) {
			return Response.error(404, "ResourceNotFound", "The Resource '" + request.path() + "' was not found.");
		}
		if (str(resource, "type").equalsIgnoreCase("Microsoft.Storage/storageAccounts")) {
			return patchStorage(resource, SimJson.parseObject(request.body()));
		}
		if (!str(resource, "type").equalsIgnoreCase("Microsoft.MachineLearningServices/workspaces")) {
			return Response.error(405, "MethodNotAllowed", "Only workspaces and storage accounts can be patched here");
		}
		Map<String, Object> patch = SimJson.parseObject(request.body());
		String keyIdentifier = str(patch, "properties", "encryption", "keyVaultProperties", "keyIdentifier");
		if (at(patch, "properties", "encryption") != null && (keyIdentifier == null || keyIdentifier.isBlank())) {
			return Response.error(400, "InvalidRequestContent", "keyIdentifier is required");
		}
		String operationId = UUID.randomUUID().toString();
		synchronized (resource) {
			if (this.lroPolls <= 0) {
				SimJson.merge(resource, patch);
				this.graphResults.clear();
				return Response.json(200, resource);
			}
			obj(resource.get("properties")).put("provisioningState", "Updating");
		}
		this.operations.put(operationId, new Operation(lower, patch, this.lroPolls));
		String location = str(resource, "location");
		Response response = new Response(202, new byte[0], new LinkedHashMap<>());
		response.headers()
			.put("Location",
					"https://" + request.host() + "/subscriptions/" + subscriptionOf(lower)
							+ "/providers/Microsoft.MachineLearningServices/locations/" + location
							+ "/workspaceOperationsStatus/" + operationId + "?api-version="
							+ request.query().getOrDefault("api-version", "2025-09-01") + "&type=location");
		response.headers().put("Retry-After", Integer.toString(this.lroRetryAfterSeconds));
		return response;
	}

	/**
	 * Storage's CMK update is synchronous: a pinned {@code keyversion} takes effect at
	 * once; an empty one makes the account follow the latest version at its next poll
	 * ({@link #pollStorageKeys()}).
	 */
	private Response patchStorage(Map<String, Object> resource, Map<String, Object> patch) {
		synchronized (resource) {
			Map<String, Object> before = SimJson.copy(resource);
			SimJson.merge(resource, patch);
			Map<String, Object> kv = obj(at(resource, "properties", "encryption", "keyvaultproperties"));
			if (kv != null) {
				String uri = str(kv, "keyvaulturi");
				String name = str(kv, "keyname");
				String version = str(kv, "keyversion");
				String vaultId = (uri != null) ? vaultIdForHost(java.net.URI.create(uri).getHost()) : null;
				SimKey key = (vaultId != null && name != null) ? this.keys.get(SimKey.key(vaultId, name)) : null;
				if (key == null || (version != null && !version.isBlank() && key.version(version) == null)) {
					resource.clear();
					resource.putAll(before);
					return Response.error(400, "KeyVaultKeyVersionNotFound",
							"The key version specified for the storage account was not found.");
				}
				if (version != null && !version.isBlank()) {
					kv.put("currentVersionedKeyIdentifier",
							uri.replaceAll("/+$", "") + "/keys/" + name + "/" + version);
					kv.put("lastKeyRotationTimestamp", Instant.now().toString());
				}
			}
			return Response.json(200, resource);
		}
	}

	/**
	 * Simulates storage's daily poll: every account that follows the latest key version
	 * (empty {@code keyversion}) picks it up now.
	 * @return how many accounts changed version
	 */
	public int pollStorageKeys() {
		int changed = 0;
		for (Map<String, Object> resource : this.resources.values()) {
			if (!str(resource, "type").equalsIgnoreCase("Microsoft.Storage/storageAccounts")) {
				continue;
			}
			synchronized (resource) {
				Map<String, Object> kv = obj(at(resource, "properties", "encryption", "keyvaultproperties"));
				if (kv == null || (str(kv, "keyversion") != null && !str(kv, "keyversion").isBlank())) {
					continue;
				}
				String uri = str(kv, "keyvaulturi");
				String vaultId = (uri != null) ? vaultIdForHost(java.net.URI.create(uri).getHost()) : null;
				SimKey key = (vaultId != null) ? this.keys.get(SimKey.key(vaultId, str(kv, "keyname"))) : null;
				if (key == null) {
					continue;
				}
				String latest = uri.replaceAll("/+$", "") + "/keys/" + str(kv, "keyname") + "/"
						+ key.current().version();
				if (!latest.equalsIgnoreCase(str(kv, "currentVersionedKeyIdentifier"))) {
					kv.put("currentVersionedKeyIdentifier", latest);
					kv.put("lastKeyRotationTimestamp", Instant.now().toString());
					changed++;
				}
			}
		}
		return changed;
	}

	private Response pollOperation(String lower) {
		String operationId = lower.substring(lower.lastIndexOf('/') + 1);
		Operation operation = this.operations.get(operationId);
		if (operation == null) {
			return Response.error(404, "OperationNotFound", operationId);
		}
		if (operation.remaining().decrementAndGet() > 0) {
			Response response = new Response(202, new byte[0], new LinkedHashMap<>());
			response.headers().put("Retry-After", Integer.toString(this.lroRetryAfterSeconds));
			return response;
		}
		Map<String, Object> resource = this.resources.get(operation.resourceKey());
		synchronized (resource) {
			if (!operation.applied()) {
				SimJson.merge(resource, operation.patch());
				this.graphResults.clear();
				obj(resource.get("properties")).put("provisioningState", "Succeeded");
				operation.markApplied();
			}
			return Response.json(200, resource);
		}
	}

	private static String subscriptionOf(String path) {
		Matcher matcher = SUBSCRIPTION.matcher(path);
		return matcher.find() ? matcher.group(1) : "";
	}

	private boolean isForbidden(String id) {
		for (String denied : this.forbidden) {
			if (id.equals(denied) || id.startsWith(denied + "/")) {
				return true;
			}
		}
		return false;
	}

	private Bucket bucket(String subscription) {
		return this.buckets.computeIfAbsent(subscription, (s) -> new Bucket());
	}

	private Response take(String subscription) {
		Bucket bucket = bucket(subscription);
		synchronized (bucket) {
			bucket.refill(25 * this.clockScale);
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return null;
			}
			this.throttled.incrementAndGet();
			double seconds = (1 - bucket.tokens) / 25.0;
			Response response = Response.error(429, "TooManyRequests",
					"The request is being throttled as the limit has been reached for operation type - Read.");
			response.headers().put("Retry-After", Long.toString(Math.max(1, (long) Math.ceil(seconds))));
			// On a scaled clock, also say it in (scaled) milliseconds, which clients
			// prefer.
			if (this.clockScale != 1.0) {
				response.headers()
					.put("x-ms-retry-after-ms",
							Long.toString(Math.max(1, (long) Math.ceil(seconds * 1000 / this.clockScale))));
			}
			response.headers().put("x-ms-ratelimit-remaining-subscription-reads", "0");
			return response;
		}
	}

	// ---- Key Vault data plane -------------------------------------------------------

	private Response keyVault(Request request) {
		String vaultId = vaultIdForHost(request.host());
		if (!authorized(request)) {
			// The challenge that starts the SDK's authentication: no token, no body yet.
			Response response = Response.error(401, "Unauthorized",
					"AKV10000: Request is missing a Bearer or PoP token.");
			response.headers()
				.put("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/" + this.tenantId
						+ "\", resource=\"https://vault.azure.net\"");
			return response;
		}
		if (vaultId == null) {
			return Response.error(404, "VaultNotFound", "No vault for host " + request.host());
		}
		if (isForbidden(vaultId)) {
			return Response.error(403, "Forbidden", "Caller is not authorized to perform action on resource.");
		}
		String vaultUri = vaultUri(vaultId);
		String[] parts = request.path().replaceAll("^/+|/+$", "").split("/");
		if (parts.length >= 1 && parts[0].equalsIgnoreCase("secrets")) {
			return secrets(request, vaultId, vaultUri, parts);
		}
		if (parts.length < 2 || !parts[0].equalsIgnoreCase("keys")) {
			return Response.error(404, "NotFound", request.path());
		}
		SimKey key = this.keys.get(SimKey.key(vaultId, parts[1]));
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
			this.secrets.forEach((key, secret) -> {
				if (key.startsWith(prefix)) {
					items.add(secret.item(vaultUri));
				}
			});
			return Response.json(200, map("value", items, "nextLink", null));
		}
		Secret secret = this.secrets.get(secretKey(vaultId, parts[1]));
		if (secret == null || (parts.length > 2 && !parts[2].equalsIgnoreCase(secret.version()))) {
			return Response.error(404, "SecretNotFound",
					"A secret with (name/id) " + parts[1] + " was not found in this key vault. If you recently deleted"
							+ " this secret you may be able to recover it using the correct recovery command.");
		}
		return Response.json(200, secret.bundle(vaultUri));
	}

	private String vaultIdForHost(String host) {
		String wanted = "https://" + host.toLowerCase(Locale.ROOT);
		for (Map.Entry<String, Map<String, Object>> entry : this.resources.entrySet()) {
			String uri = str(entry.getValue(), "properties", "vaultUri");
			if (uri != null && uri.toLowerCase(Locale.ROOT).replaceAll("/+$", "").equals(wanted)) {
				return entry.getKey();
			}
		}
		return null;
	}

	private String vaultUri(String vaultId) {
		Map<String, Object> vault = this.resources.get(vaultId.toLowerCase(Locale.ROOT));
		String uri = (vault != null) ? str(vault, "properties", "vaultUri") : null;
		return (uri != null) ? uri.replaceAll("/+$", "") : null;
	}

	// ---- Microsoft Graph ------------------------------------------------------------

	private Response microsoftGraph(Request request) {
		if (!authorized(request)) {
			return Response.error(401, "InvalidAuthenticationToken", "Access token is empty.");
		}
		Response membership = this.groupMembership.handle(request);
		if (membership != null) {
			return membership;
		}
		String path = request.path();
		if (path.endsWith("/directoryObjects/getByIds") && request.method().equals("POST")) {
			List<Object> found = new ArrayList<>();
			for (Object id : list(SimJson.parseObject(request.body()).get("ids"))) {
				Map<String, Object> principal = this.principals.get(id.toString().toLowerCase(Locale.ROOT));
				if (principal != null) {
					found.add(principal);
				}
			}
			return Response.json(200, map("@odata.context",
					"https://graph.microsoft.com/v1.0/$metadata#directoryObjects", "value", found));
		}
		Matcher deleted = Pattern.compile("/directory/deletedItems/([^/]+)$", Pattern.CASE_INSENSITIVE).matcher(path);
		if (deleted.find()) {
			Map<String, Object> principal = this.deletedPrincipals.get(deleted.group(1).toLowerCase(Locale.ROOT));
			return (principal != null) ? Response.json(200, principal)
					: Response.error(404, "Request_ResourceNotFound", "Resource '" + deleted.group(1)
							+ "' does not exist or one of its queried reference-property objects are not present.");
		}
		return Response.error(404, "Request_ResourceNotFound", path);
	}

	// ---- plumbing -------------------------------------------------------------------

	private void sleepScaled(long millis) {
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

	private static void send(HttpExchange exchange, Response response) throws IOException {
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
		byte[] body = response.body();
		if (body.length > 0) {
			exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		}
		exchange.sendResponseHeaders(response.status(), (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private final class Bucket {

		private double tokens = 250;

		private long last = System.nanoTime();

		void refill(double perSecond) {
			long now = System.nanoTime();
			this.tokens = Math.min(250, this.tokens + (now - this.last) / 1e9 * perSecond);
			this.last = now;
		}

	}

	private static final class Operation {

		private final String resourceKey;

		private final Map<String, Object> patch;

		private final AtomicLong remaining;

		private volatile boolean applied;

		Operation(String resourceKey, Map<String, Object> patch, int polls) {
			this.resourceKey = resourceKey;
			this.patch = patch;
			this.remaining = new AtomicLong(polls);
		}

		String resourceKey() {
			return this.resourceKey;
		}

		Map<String, Object> patch() {
			return this.patch;
		}

		AtomicLong remaining() {
			return this.remaining;
		}

		boolean applied() {
			return this.applied;
		}

		void markApplied() {
			this.applied = true;
		}

	}

	record Response(int status, byte[] body, Map<String, String> headers) {

		static Response json(int status, Object body) {
			return new Response(status, SimJson.write(body), new LinkedHashMap<>());
		}

		static Response error(int status, String code, String message) {
			return json(status, map("error", map("code", code, "message", message)));
		}

	}

	/** One secret's current version; {@code created} in epoch seconds, as Key Vault. */
	record Secret(String name, String value, String version, long created) {

		Map<String, Object> attributes() {
			return map("enabled", true, "created", this.created, "updated", this.created, "recoveryLevel",
					"Recoverable+Purgeable");
		}

		Map<String, Object> bundle(String vaultUri) {
			return map("value", this.value, "id", vaultUri + "/secrets/" + this.name + "/" + this.version, "attributes",
					attributes());
		}

		/** A {@code SecretItem} of the list: the id without version, and no value. */
		Map<String, Object> item(String vaultUri) {
			return map("id", vaultUri + "/secrets/" + this.name, "attributes", attributes());
		}

	}

	record Request(String method, String host, String path, Map<String, String> query, Map<String, String> headers,
			byte[] body) {

		static Request of(HttpExchange exchange) throws IOException {
			java.net.URI uri = exchange.getRequestURI();
			// genericResources sends "//subscriptions/...": the JDK server then reads
			// "subscriptions" as an authority, so rebuild the path from the raw pieces.
			String rawPath = uri.getRawPath();
			if (uri.getRawAuthority() != null) {
				rawPath = "/" + uri.getRawAuthority() + ((rawPath != null) ? rawPath : "");
			}
			String path = URLDecoder.decode(rawPath.replaceAll("^/+", "/"), StandardCharsets.UTF_8);
			Map<String, String> query = new LinkedHashMap<>();
			if (uri.getRawQuery() != null) {
				for (String pair : uri.getRawQuery().split("&")) {
					int eq = pair.indexOf('=');
					String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
					String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
					query.put(name.toLowerCase(Locale.ROOT), value);
				}
			}
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
			String host = headers.getOrDefault(ORIGINAL_HOST, headers.getOrDefault("host", "management.azure.com"));
			byte[] body = exchange.getRequestBody().readAllBytes();
			return new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT), host.toLowerCase(Locale.ROOT),
					path, query, headers, body);
		}

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		Map<String, String> form() {
			Map<String, String> form = new LinkedHashMap<>();
			for (String pair : new String(this.body, StandardCharsets.UTF_8).split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
			return form;
		}

	}

}
