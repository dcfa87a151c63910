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
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static io.amlwarden.simulator.SimJson.at;
import static io.amlwarden.simulator.SimJson.list;
import static io.amlwarden.simulator.SimJson.map;

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
 * <p>
 * This class is the facade tests use: it owns the server, the counters and the injected
 * faults, and hands each request to the routes of its service ({@link ArmRoutes},
 * {@link ResourceGraphRoutes}, {@link KeyVaultRoutes}, {@link MicrosoftGraphRoutes},
 * {@link LoginRoutes}), which share the tenant in {@link SimState}. A new Azure route
 * goes into its service's class; a new test hook goes here.
 */
public final class AzureSimulator implements AutoCloseable {

	/** Header carrying the host the client meant to reach. */
	public static final String ORIGINAL_HOST = "x-simulator-original-host";

	private final HttpServer server;

	private final ExecutorService executor;

	private final SimState state;

	private final LoginRoutes login;

	private final ResourceGraphRoutes resourceGraph;

	private final ArmRoutes arm;

	private final KeyVaultRoutes keyVault;

	private final MicrosoftGraphRoutes microsoftGraph;

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

	private AzureSimulator(Map<String, Object> fixture, int threads) {
		this.state = new SimState(fixture);
		this.login = new LoginRoutes(this.state);
		this.resourceGraph = new ResourceGraphRoutes(this.state);
		this.arm = new ArmRoutes(this.state);
		this.keyVault = new KeyVaultRoutes(this.state);
		this.microsoftGraph = new MicrosoftGraphRoutes(this.state);
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
		return this.state.tenantId;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	// ---- configuration -------------------------------------------------------------

	/** Latency added to every request (scaled by the clock). */
	public AzureSimulator latency(long millis) {
		this.state.latencyMillis = millis;
		return this;
	}

	/**
	 * Runs latency and token refill faster by this factor; figures measured against a
	 * scaled simulator must be multiplied back by the caller.
	 */
	public AzureSimulator clockScale(double scale) {
		this.state.clockScale = scale;
		return this;
	}

	/** Enforces ARM's read bucket: 250 burst, 25 reads/s per subscription. */
	public AzureSimulator enforceTokenBucket(boolean enforce) {
		this.state.tokenBucket = enforce;
		return this;
	}

	public AzureSimulator armPageSize(int size) {
		this.state.armPageSize = size;
		return this;
	}

	/**
	 * How long-running PATCHes behave: the number of 202 polls before success, and
	 * Retry-After.
	 */
	public AzureSimulator longRunning(int polls, int retryAfterSeconds) {
		this.state.lroPolls = polls;
		this.state.lroRetryAfterSeconds = retryAfterSeconds;
		return this;
	}

	/**
	 * Makes ARM hostile: {@code nextLink} and long-running {@code Location} URLs name
	 * this host instead of the one the request was sent to.
	 */
	public AzureSimulator linkHost(String host) {
		this.state.linkHost = host;
		return this;
	}

	/**
	 * Group membership in the simulated directory (Graph's transitive checks).
	 * @return the memberships, to add to
	 */
	public GraphGroupMembership groupMembership() {
		return this.state.groupMembership;
	}

	/**
	 * The hosts requests were addressed to (lower-cased), whatever their route.
	 */
	public Set<String> hostsSeen() {
		return Set.copyOf(this.state.hostsSeen);
	}

	/**
	 * Answers 403 for every ARM or data-plane request on this resource (and hides it from
	 * Graph).
	 */
	public AzureSimulator forbid(String resourceId) {
		this.state.forbidden.add(resourceId.toLowerCase(Locale.ROOT));
		return this;
	}

	public AzureSimulator fault(Fault fault) {
		this.faults.add(fault);
		return this;
	}

	public void clearFaults() {
		this.faults.clear();
		this.state.forbidden.clear();
	}

	// ---- counters ---------------------------------------------------------------------

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
		return this.state.throttled.get();
	}

	public void resetCounts() {
		this.counters.clear();
	}

	// ---- state access for tests ----------------------------------------------------

	public Map<String, Object> resource(String id) {
		Map<String, Object> resource = this.state.resources.get(id.toLowerCase(Locale.ROOT));
		return (resource != null) ? SimJson.copy(resource) : null;
	}

	/**
	 * Changes a resource in place (e.g. a role assignment edited in Azure between a
	 * review's snapshot and its application).
	 */
	public void updateResource(String id, java.util.function.Consumer<Map<String, Object>> change) {
		Map<String, Object> resource = this.state.resources.get(id.toLowerCase(Locale.ROOT));
		if (resource == null) {
			throw new IllegalArgumentException("No resource " + id);
		}
		synchronized (resource) {
			change.accept(resource);
		}
	}

	/** Whether a resource (e.g. a role assignment) exists. */
	public boolean exists(String id) {
		return this.state.resources.containsKey(id.toLowerCase(Locale.ROOT));
	}

	/** Moves a principal to the directory's deleted items (soft delete). */
	public void softDeletePrincipal(String objectId) {
		Map<String, Object> principal = this.state.principals.remove(objectId.toLowerCase(Locale.ROOT));
		if (principal != null) {
			principal.put("deletedDateTime", Instant.now().toString());
			this.state.deletedPrincipals.put(objectId.toLowerCase(Locale.ROOT), principal);
		}
	}

	public List<String> keyVersions(String vaultId, String name) {
		SimKey key = this.state.keys.get(SimKey.key(vaultId, name));
		return (key != null) ? key.versions().stream().map(SimKey.Version::version).toList() : List.of();
	}

	/** The ARM view of a key, as {@code vaults/keys} returns it. */
	public Map<String, Object> armKey(String vaultId, String name) {
		SimKey key = this.state.keys.get(SimKey.key(vaultId, name));
		return (key != null) ? key.toArm(this.state.vaultUri(vaultId), null) : null;
	}

	/** The data-plane view of a key's current version. */
	public Map<String, Object> keyBundle(String vaultId, String name) {
		SimKey key = this.state.keys.get(SimKey.key(vaultId, name));
		return (key != null) ? key.bundle(this.state.vaultUri(vaultId), null) : null;
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
		this.state.callerPermissions.put(scope.toLowerCase(Locale.ROOT).replaceAll("/+$", ""), List.copyOf(entries));
		return this;
	}

	/**
	 * The tags of one key version, as the data plane returns them.
	 */
	@SuppressWarnings("unchecked")
	public Map<String, Object> keyVersionTags(String vaultId, String name, String version) {
		SimKey key = this.state.keys.get(SimKey.key(vaultId, name));
		synchronized (key) {
			return Map.copyOf(
					(Map<String, Object>) key.bundle(this.state.vaultUri(vaultId), key.version(version)).get("tags"));
		}
	}

	public Map<String, Object> rotationPolicy(String vaultId, String name) {
		SimKey key = this.state.keys.get(SimKey.key(vaultId, name));
		return (key != null) ? key.dataPlanePolicy(this.state.vaultUri(vaultId)) : null;
	}

	/**
	 * Stores a secret (a new version) in a vault of the fixture, for clients of the Key
	 * Vault secrets data plane.
	 */
	public void putSecret(String vaultId, String name, String value) {
		if (this.state.vaultUri(vaultId) == null) {
			throw new IllegalArgumentException("No vault " + vaultId);
		}
		this.state.secrets.put(SimState.secretKey(vaultId, name),
				new Secret(name, value, UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond()));
	}

	/** The data-plane view of a secret's current version ({@code SecretBundle}). */
	public Map<String, Object> secretBundle(String vaultId, String name) {
		Secret secret = this.state.secrets.get(SimState.secretKey(vaultId, name));
		return (secret != null) ? secret.bundle(this.state.vaultUri(vaultId)) : null;
	}

	/**
	 * Simulates storage's daily poll: every account that follows the latest key version
	 * (empty {@code keyversion}) picks it up now.
	 * @return how many accounts changed version
	 */
	public int pollStorageKeys() {
		return this.arm.pollStorageKeys();
	}

	// ---- HTTP -----------------------------------------------------------------------

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Request request = Request.of(exchange);
			this.state.hostsSeen.add(request.host().toLowerCase(Locale.ROOT));
			String service = request.path().toLowerCase(Locale.ROOT).startsWith("/providers/microsoft.resourcegraph/")
					? "graph" : service(request.host());
			String route = service + " " + request.method() + " " + routeName(request);
			this.counters.computeIfAbsent(route, (r) -> new AtomicLong()).incrementAndGet();
			this.state.sleepScaled(this.state.latencyMillis);
			Response response = injectedFault(request, route);
			if (response == null) {
				response = switch (request.path()
					.toLowerCase(Locale.ROOT)
					.startsWith("/providers/microsoft.resourcegraph/") ? "graph" : service) {
					case "login" -> this.login.handle(request);
					case "graph" -> this.resourceGraph.handle(request);
					case "keyvault" -> this.keyVault.handle(request);
					case "msgraph" -> this.microsoftGraph.handle(request);
					default -> this.arm.handle(request);
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
			this.state.sleepScaled(fault.latencyMillis());
			if (fault.timeout()) {
				this.state.sleepScaled(600_000);
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

	// ---- plumbing -------------------------------------------------------------------

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
