package io.amlwarden.rotation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.amlwarden.azure.SimulatorRotationClients;
import io.amlwarden.simulator.AzureSimulator;
import io.amlwarden.support.SharedPostgres;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rotation module wired by hand over a real PostgreSQL database of its own (migrated
 * by Flyway) and the Azure simulator: no Spring context, so a test can run several
 * "replicas" (each with its own SDK clients, worker pool and identity) over one database,
 * exactly as several pods would share one server.
 */
final class RotationHarness implements AutoCloseable {

	final HikariDataSource dataSource;

	final JdbcTemplate jdbc;

	final AzureSimulator simulator;

	final Clock clock;

	final RotationProperties properties;

	final List<Replica> replicas = new ArrayList<>();

	final List<Notice> notices = new CopyOnWriteArrayList<>();

	/**
	 * The stored inventory replicas created from now on read dependents from; none by
	 * default.
	 */
	RotationInventory.@Nullable StoredInventory storedInventory;

	private RotationHarness(HikariDataSource dataSource, AzureSimulator simulator, Clock clock,
			RotationProperties properties) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.simulator = simulator;
		this.clock = clock;
		this.properties = properties;
	}

	static RotationHarness start(AzureSimulator simulator, Clock clock, RotationProperties properties) {
		String database = "rotation_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		SharedPostgres.createDatabase(database);
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(SharedPostgres.jdbcUrl(database));
		config.setUsername(SharedPostgres.username());
		config.setPassword(SharedPostgres.password());
		config.setMaximumPoolSize(24);
		config.setPoolName("rotation-test");
		HikariDataSource dataSource = new HikariDataSource(config);
		Flyway.configure().dataSource(dataSource).locations("filesystem:db/migration").load().migrate();
		return new RotationHarness(dataSource, simulator, clock, properties);
	}

	static RotationProperties fastProperties() {
		RotationProperties d = RotationProperties.defaults();
		return new RotationProperties(d.subscriptions(), d.planInterval(), d.workInterval(), 4, 10,
				Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(2), 3,
				Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(12),
				d.planTtl(), d.approvalTtl(), d.defaultMaxJitter(), d.defaultNotifyBefore(), d.outOfBandQuietPeriod(),
				d.inventoryMaxAge(), d.identity(), d.watchInterval(), d.planInitialDelay(), d.workInitialDelay(),
				d.watchInitialDelay(), ApprovalRule.ApprovalMode.NEVER);
	}

	/** A new replica with its own Azure clients. */
	Replica replica() {
		Replica replica = new Replica(SimulatorRotationClients.of(this.simulator, 3));
		this.replicas.add(replica);
		return replica;
	}

	long count(String sql, Object... args) {
		Long value = this.jdbc.queryForObject(sql, Long.class, args);
		return (value != null) ? value : 0;
	}

	@Override
	public void close() {
		this.replicas.forEach((r) -> r.worker.stop());
		this.dataSource.close();
	}

	/**
	 * One service instance.
	 */
	final class Replica {

		final SimulatorRotationClients azure;

		final PolicyStore policyStore;

		final RotationStore store;

		final PolicyService policies;

		final PlanService plans;

		final PreflightStep preflight;

		final KeyCreationStep keyCreation;

		final PropagationStep propagation;

		final RotationStateMachine machine;

		final RotationService rotations;

		final RotationRunService worker;

		final DueRotationService scheduler;

		final KeyWatchService watch;

		final TransactionTemplate tx;

		Replica(SimulatorRotationClients azure) {
			this.azure = azure;
			DataSource ds = RotationHarness.this.dataSource;
			JdbcTemplate jdbc = new JdbcTemplate(ds);
			this.tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
			RotationProperties props = RotationHarness.this.properties;
			Clock clock = RotationHarness.this.clock;
			RotationInventory.StoredInventory stored = RotationHarness.this.storedInventory;
			RotationInventory inventory = (stored != null)
					? new RotationInventory(azure.collector()::collect, stored, props.inventoryMaxAge(), clock)
					: new RotationInventory(azure.collector()::collect, props.inventoryMaxAge(), clock);
			RotationNotices notices = new RotationNotices() {

				@Override
				public void publish(String type, @Nullable String subject, Map<String, ?> data) {
					RotationHarness.this.notices.add(new Notice(type, subject, Map.copyOf(data)));
				}

				@Override
				public void audit(String action, String target, boolean success) {
				}

			};
			this.policyStore = new PolicyStore(jdbc);
			this.store = new RotationStore(jdbc);
			this.policies = new PolicyService(this.policyStore, azure.cmk(), azure.keys(), props, clock);
			this.plans = new PlanService(azure.cmk(), azure.keys(), inventory, this.policyStore, jdbc,
					JsonMapper.builder().build(), props, clock);
			RotationRecorder recorder = new RotationRecorder(this.store, notices, this.tx, props, clock);
			DependentUpdates updates = new DependentUpdates(azure.cmk(), props);
			VerificationStep verification = new VerificationStep(azure.cmk(), this.store, recorder, props);
			this.preflight = new PreflightStep(this.plans, this.store, recorder, props);
			this.keyCreation = new KeyCreationStep(azure.cmk(), this.store, this.policyStore, notices, recorder);
			this.propagation = new PropagationStep(this.store, updates, verification, recorder);
			this.machine = new RotationStateMachine(this.preflight, this.keyCreation, this.propagation, verification,
					new RollbackStep(this.store, updates, recorder), recorder, props);
			this.rotations = new RotationService(this.store, this.plans, recorder, this.tx, props, clock);
			this.worker = new RotationRunService(this.store, this.machine, this.tx, props, clock);
			this.scheduler = new DueRotationService(this.policyStore, this.plans, this.rotations, recorder, this.store,
					this.tx, props, clock);
			this.watch = new KeyWatchService(inventory, this.policyStore, this.store, this.plans, this.rotations,
					notices, this.tx, props, clock);
		}

		/** Creates a policy (inside a transaction, as the controller would). */
		PolicyView policy(PolicyRequest request) {
			return this.tx.execute((s) -> this.policies.create(request,
					new io.amlwarden.security.CallerIdentity("operator-1", null, "Operator", List.of("OPERATOR"))));
		}

	}

	/**
	 * A published event.
	 */
	record Notice(String type, @Nullable String subject, Map<String, ?> data) {
	}

	static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

}
