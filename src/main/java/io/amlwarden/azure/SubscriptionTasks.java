package io.amlwarden.azure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reads of a collection with bounded concurrency: a number of subscriptions at a
 * time ({@code parallel-subscriptions}), a number of requests in flight within each
 * ({@code per-subscription-concurrency}), and a number per vault.
 */
final class SubscriptionTasks {

	private static final Logger logger = LoggerFactory.getLogger(InventoryCollector.class);

	private final AzureProperties.Limits limits;

	SubscriptionTasks(AzureProperties.Limits limits) {
		this.limits = limits;
	}

	/**
	 * Runs each subscription's tasks and waits for all of them.
	 */
	void run(Collection<String> subscriptions, Function<String, List<Runnable>> tasksOf) {
		if (subscriptions.isEmpty()) {
			return;
		}
		int perSubscription = Math.max(1, this.limits.perSubscriptionConcurrency());
		ExecutorService outer = Executors.newFixedThreadPool(
				Math.max(1, Math.min(this.limits.parallelSubscriptions(), subscriptions.size())), daemon("azure-sub"));
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (String subscription : subscriptions) {
				List<Runnable> tasks = tasksOf.apply(subscription);
				futures.add(outer.submit(() -> {
					ExecutorService inner = Executors.newFixedThreadPool(Math.min(perSubscription, tasks.size()),
							daemon("azure-" + subscription.substring(0, Math.min(8, subscription.length()))));
					try {
						List<Future<?>> inFlight = new ArrayList<>();
						for (Runnable task : tasks) {
							inFlight.add(inner.submit(task));
						}
						await(inFlight);
					}
					finally {
						inner.shutdownNow();
					}
				}));
			}
			await(futures);
		}
		finally {
			outer.shutdownNow();
		}
	}

	/**
	 * Starts {@link #run} on a background thread.
	 */
	Future<?> start(String name, Collection<String> subscriptions, Function<String, List<Runnable>> tasksOf) {
		ExecutorService background = Executors.newSingleThreadExecutor(daemon(name));
		try {
			return background.submit(() -> run(subscriptions, tasksOf));
		}
		finally {
			// Runs the submitted task to the end, then lets the thread go.
			background.shutdown();
		}
	}

	/**
	 * A semaphore bounding the reads in flight against one vault.
	 */
	Semaphore vaultPermits() {
		return new Semaphore(Math.max(1, this.limits.perVaultConcurrency()));
	}

	static void await(List<Future<?>> futures) {
		for (Future<?> future : futures) {
			try {
				future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException ex) {
				logger.error("Inventory task failed unexpectedly", ex.getCause());
			}
		}
	}

	static void withPermit(Semaphore permits, Runnable action) {
		try {
			permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw AzureCallException.interrupted();
		}
		try {
			action.run();
		}
		finally {
			permits.release();
		}
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
