package io.amlwarden.rotation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.util.Context;
import io.amlwarden.AmlWardenApplication;
import io.amlwarden.azure.SimulatorHttpClient;
import io.amlwarden.security.CallerIdentity;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.simulator.TenantFixture;
import io.amlwarden.support.LocalTokenIssuer;
import io.amlwarden.support.SharedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once rotation across complete application instances: two Spring application
 * contexts (each with its own scheduler, worker pool, connection pool and Azure SDK
 * clients, scheduling on) share one PostgreSQL database and one Azure simulator, as two
 * pods would share a server and Azure. The guarantees under test live in the database
 * (row locks, the one-in-flight-per-key index, fenced leases); these tests show they hold
 * between processes' worth of beans, not only between objects wired by hand.
 */
class RotationContextReplicaTests {

	private static final String SUB = "00000000-0000-4000-8000-0000000000e5";

	/** Set before a context starts; read by its {@link OwnSimulator} bean. */
	private static volatile AzureSimulator simulator;

	/** Counted down when the crashing replica's first workspace PATCH leaves it. */
	private static volatile CountDownLatch patchReached = new CountDownLatch(1);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private String database;

	@AfterEach
	void stop() {
		for (ConfigurableApplicationContext context : this.contexts) {
			try {
				context.close();
			}
			catch (RuntimeException ex) {
				// closing anyway
			}
		}
		if (simulator != null) {
			simulator.close();
			simulator = null;
		}
	}

	@Test
	void twoApplicationContextsRotateFiftyDueKeysExactlyOnce() throws Exception {
		TenantFixture fixture = RotationFixtures.tenant(SUB);
		List<TenantFixture.Stack> stacks = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			stacks
				.add(RotationFixtures.stack(fixture, SUB, String.format(Locale.ROOT, "xo%02d", i) + suffix(), 1, true));
		}
		simulator = AzureSimulator.start(fixture.toJson(), 32).longRunning(1, 0);
		this.database = "rotctx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		SharedPostgres.createDatabase(this.database);
		ConfigurableApplicationContext a = start(OwnSimulator.class);
		ConfigurableApplicationContext b = start(OwnSimulator.class);
		for (TenantFixture.Stack stack : stacks) {
			createPolicy(a, RotationFixtures.keyPolicy(stack, "P7D"));
		}

		// Both instances' scheduled jobs (plan every second under ShedLock, work every
		// half second on each) run on their own; on top of that both planners are driven
		// at the same moment from outside, without ShedLock, so that only the database
		// keeps them apart.
		CompletableFuture<Integer> planA = CompletableFuture.supplyAsync(() -> planDue(a));
		CompletableFuture<Integer> planB = CompletableFuture.supplyAsync(() -> planDue(b));
		int planned = planA.get(2, TimeUnit.MINUTES) + planB.get(2, TimeUnit.MINUTES);
		assertThat(planned).as("rotations the two planners created").isLessThanOrEqualTo(50);

		JdbcTemplate jdbc = jdbc(a);
		await("50 rotations VERIFIED", Duration.ofMinutes(4),
				() -> count(jdbc, "SELECT count(*) FROM rotation WHERE status = 'VERIFIED'") == 50);

		assertThat(simulator.count("keyvault", "POST", "rotate")).as("Key Vault rotate calls").isEqualTo(50);
		assertThat(count(jdbc, "SELECT count(*) FROM rotation")).as("rotations").isEqualTo(50);
		assertThat(count(jdbc,
				"SELECT count(*) FROM (SELECT key_id FROM rotation GROUP BY key_id " + "HAVING count(*) = 1) k"))
			.as("keys with exactly one rotation")
			.isEqualTo(50);
		for (TenantFixture.Stack stack : stacks) {
			List<String> versions = simulator.keyVersions(stack.vaultId, "cmk");
			assertThat(versions).as("versions of %s", stack.vaultId).hasSize(2);
			String keyId = (stack.vaultId + "/keys/cmk").toLowerCase(Locale.ROOT);
			String toVersion = jdbc.queryForObject("SELECT to_version FROM rotation WHERE key_id = ?", String.class,
					keyId);
			assertThat(versions.get(1)).as("the version the history records for %s", keyId).isEqualTo(toVersion);
			String rotationId = jdbc.queryForObject("SELECT id::text FROM rotation WHERE key_id = ?", String.class,
					keyId);
			assertThat(simulator.keyVersionTags(stack.vaultId, "cmk", toVersion)).as("marker on %s", toVersion)
				.containsEntry(KeyCreationStep.MARKER_TAG, rotationId);
		}
		assertThat(count(jdbc, "SELECT count(*) FROM rotation_dependent WHERE state <> 'VERIFIED'"))
			.as("dependents not verified")
			.isZero();
		assertThat(count(jdbc, "SELECT count(*) FROM rotation WHERE locked_by IS NOT NULL")).as("leases left").isZero();
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("policies", 50);
		figures.put("rotateCalls", simulator.count("keyvault", "POST", "rotate"));
		figures.put("plannedByTheTwoDirectCalls", planned);
		System.out.println("rotation-context-replicas " + figures);
	}

	@Test
	void aContextClosedBetweenRotateAndPatchLeavesTheRotationToAnotherWhichCompletesItOnce() throws Exception {
		TenantFixture fixture = RotationFixtures.tenant(SUB);
		TenantFixture.Stack stack = RotationFixtures.stack(fixture, SUB, "kc" + suffix(), 1, true);
		simulator = AzureSimulator.start(fixture.toJson(), 16).longRunning(1, 0);
		this.database = "rotctx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		SharedPostgres.createDatabase(this.database);
		patchReached = new CountDownLatch(1);
		ConfigurableApplicationContext first = start(PatchNeverAnswers.class);
		createPolicy(first, RotationFixtures.keyPolicy(stack, "P7D"));
		JdbcTemplate jdbc = jdbc(first);

		// The first instance's own scheduler plans and claims the rotation, rotates the
		// key, and its workspace PATCH then hangs: the process is killed right there.
		assertThat(patchReached.await(3, TimeUnit.MINUTES)).as("the first instance reached the PATCH").isTrue();
		Map<String, Object> before = jdbc.queryForMap("SELECT id, step, status, locked_by, to_version FROM rotation");
		crash(first);
		assertThat(before.get("step")).isEqualTo("PROPAGATING");
		assertThat(before.get("locked_by")).isNotNull();
		assertThat(before.get("to_version")).isNotNull();
		assertThat(simulator.count("keyvault", "POST", "rotate")).isOne();
		assertThat(simulator.count("arm", "PATCH", "workspaces/{name}")).as("PATCHes that reached Azure").isZero();

		// A second instance (its own scheduler on) takes the rotation over once the dead
		// one's lease lapses, and finishes it without rotating again.
		ConfigurableApplicationContext second = start(OwnSimulator.class);
		JdbcTemplate jdbc2 = jdbc(second);
		await("the rotation VERIFIED", Duration.ofMinutes(3),
				() -> "VERIFIED".equals(jdbc2.queryForObject("SELECT status FROM rotation", String.class)));

		Map<String, Object> after = jdbc2.queryForMap("SELECT id, to_version, locked_by FROM rotation");
		assertThat(after.get("id")).isEqualTo(before.get("id"));
		assertThat(after.get("to_version")).isEqualTo(before.get("to_version"));
		assertThat(after.get("locked_by")).isNull();
		assertThat(simulator.count("keyvault", "POST", "rotate")).as("Key Vault rotate calls").isOne();
		assertThat(simulator.keyVersions(stack.vaultId, "cmk")).hasSize(2).endsWith((String) after.get("to_version"));
		assertThat(simulator.count("arm", "PATCH", "workspaces/{name}")).as("workspace PATCHes").isOne();
		assertThat(count(jdbc2, "SELECT count(*) FROM rotation")).isOne();
		assertThat(count(jdbc2, "SELECT count(*) FROM rotation_event WHERE type = 'KEY_ROTATED'")).isOne();
		assertThat(count(jdbc2, "SELECT count(*) FROM rotation_dependent WHERE state = 'VERIFIED'")).isEqualTo(2);
	}

	// ---- instances ------------------------------------------------------------------

	private ConfigurableApplicationContext start(Class<?> azure) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("spring.main.banner-mode", "off");
		all.put("spring.datasource.url", SharedPostgres.jdbcUrl(this.database));
		all.put("spring.datasource.username", SharedPostgres.username());
		all.put("spring.datasource.password", SharedPostgres.password());
		all.put("spring.datasource.hikari.maximum-pool-size", "8");
		all.putAll(LocalTokenIssuer.shared().properties());
		all.put("warden.scheduling.enabled", "true");
		all.put("warden.azure.live", "false");
		all.put("warden.azure.tenant-id", RotationFixtures.TENANT);
		all.put("warden.azure.subscriptions", SUB);
		all.put("warden.azure.credential.kind", "client-secret");
		all.put("warden.azure.credential.client-id", "11111111-1111-1111-1111-111111111111");
		all.put("warden.azure.credential.client-secret", "simulator-secret");
		all.put("warden.rotation.plan-interval", "PT1S");
		all.put("warden.rotation.work-interval", "PT0.5S");
		// Production waits 30 s (plan) and 20 s (work) before the first ticks; the tests
		// rely on the scheduled jobs, so that wait was most of their time.
		all.put("warden.rotation.plan-initial-delay", "PT1S");
		all.put("warden.rotation.work-initial-delay", "PT0.5S");
		all.put("warden.rotation.lease", "PT5S");
		all.put("warden.rotation.workers", "4");
		all.put("warden.rotation.batch-size", "5");
		all.put("warden.rotation.workspace-update-timeout", "PT30S");
		List<String> args = new ArrayList<>();
		all.forEach((name, value) -> args.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AmlWardenApplication.class, azure)
			.run(args.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

	/**
	 * Stops an instance as the database sees a killed process: its pool is closed first
	 * (nothing it does afterwards reaches the database), then the context is closed.
	 */
	private static void crash(ConfigurableApplicationContext context) throws Exception {
		context.getBean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class).close();
		Thread closer = new Thread(() -> {
			try {
				context.close();
			}
			catch (RuntimeException ex) {
				// gone either way
			}
		}, "rotation-replica-crash");
		closer.setDaemon(true);
		closer.start();
	}

	private static void createPolicy(ConfigurableApplicationContext context, PolicyRequest request) {
		PolicyService policies = context.getBean(PolicyService.class);
		// An Admin: these policies rotate without approval, which only an Admin may set.
		context.getBean(TransactionTemplate.class)
			.execute((s) -> policies.create(request,
					new CallerIdentity("admin-1", null, "Admin", List.of("ADMIN", "OPERATOR", "READER", "REVIEWER"))));
	}

	private static int planDue(ConfigurableApplicationContext context) {
		return context.getBean(DueRotationService.class).planDue(100);
	}

	private static JdbcTemplate jdbc(ConfigurableApplicationContext context) {
		return new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Long value = jdbc.queryForObject(sql, Long.class);
		return (value != null) ? value : 0;
	}

	private static void await(String what, Duration timeout, Check check) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!check.holds()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what);
			}
			Thread.sleep(250);
		}
	}

	private static String suffix() {
		return Long.toString(System.nanoTime() % 100000);
	}

	@FunctionalInterface
	private interface Check {

		boolean holds() throws Exception;

	}

	private static HttpClient simulatorClient() {
		return new SimulatorHttpClient(new NettyAsyncHttpClientBuilder().responseTimeout(Duration.ofSeconds(20))
			.readTimeout(Duration.ofSeconds(20))
			.build(), simulator.port());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OwnSimulator {

		@Bean
		@Primary
		HttpClient rotationReplicaHttpClient() {
			return simulatorClient();
		}

	}

	/**
	 * The crashing instance's Azure: as the simulator, except that a workspace PATCH
	 * never leaves the process (it hangs until the instance dies).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class PatchNeverAnswers {

		@Bean
		@Primary
		HttpClient rotationReplicaHttpClient() {
			return new HangingPatch(simulatorClient());
		}

	}

	private record HangingPatch(HttpClient delegate) implements HttpClient {

		@Override
		public Mono<HttpResponse> send(HttpRequest request) {
			return hangs(request) ? Mono.never() : this.delegate.send(request);
		}

		@Override
		public Mono<HttpResponse> send(HttpRequest request, Context context) {
			return hangs(request) ? Mono.never() : this.delegate.send(request, context);
		}

		@Override
		public HttpResponse sendSync(HttpRequest request, Context context) {
			if (hangs(request)) {
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw new IllegalStateException("the instance died during the PATCH");
			}
			return this.delegate.sendSync(request, context);
		}

		private static boolean hangs(HttpRequest request) {
			boolean patch = request.getHttpMethod() == HttpMethod.PATCH && request.getUrl()
				.getPath()
				.toLowerCase(Locale.ROOT)
				.contains("/providers/microsoft.machinelearningservices/workspaces/");
			if (patch) {
				patchReached.countDown();
			}
			return patch;
		}

	}

}
