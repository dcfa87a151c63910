package io.amlwarden.rotation;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims runnable rotations and runs them, a few at a time. Any number of replicas may do
 * this at once: a claim is a row lock taken with {@code FOR UPDATE SKIP LOCKED} and
 * turned into a lease, so each rotation is worked by one worker at a time, and a lease
 * that lapses (the worker died) lets another worker resume it.
 */
@Service
class RotationRunService {

	private static final Logger logger = LoggerFactory.getLogger(RotationRunService.class);

	private final RotationStore store;

	private final RotationStateMachine machine;

	private final TransactionTemplate tx;

	private final RotationProperties properties;

	private final Clock clock;

	private final String name;

	private final ExecutorService executor;

	RotationRunService(RotationStore store, RotationStateMachine machine, TransactionTemplate tx,
			RotationProperties properties, Clock clock) {
		this.store = store;
		this.machine = machine;
		this.tx = tx;
		this.properties = properties;
		this.clock = clock;
		this.name = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
		this.executor = Executors.newFixedThreadPool(properties.workers(), (runnable) -> {
			Thread thread = new Thread(runnable, "rotation-worker");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Claims one batch and runs it to the end of what can be done now.
	 * @return how many rotations were claimed
	 */
	int runOnce() {
		List<Rotation> claimed = this.tx.execute((status) -> this.store.claim(this.clock.instant(), this.name,
				this.properties.lease(), this.properties.batchSize()));
		if (claimed == null || claimed.isEmpty()) {
			return 0;
		}
		List<Future<?>> running = new ArrayList<>();
		for (Rotation rotation : claimed) {
			UUID token = rotation.progress().lockToken();
			if (token != null) {
				running.add(this.executor.submit(() -> this.machine.run(rotation, token)));
			}
		}
		for (Future<?> future : running) {
			try {
				future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return claimed.size();
			}
			catch (java.util.concurrent.ExecutionException ex) {
				logger.error("Rotation worker failed", ex.getCause());
			}
		}
		return claimed.size();
	}

	/**
	 * Runs batches until nothing is runnable now.
	 * @return how many rotations were claimed in total
	 */
	int drain() {
		int total = 0;
		int claimed;
		while ((claimed = runOnce()) > 0) {
			total += claimed;
		}
		return total;
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

}
