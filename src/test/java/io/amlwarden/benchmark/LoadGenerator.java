package io.amlwarden.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop HTTP load generator of {@link LoadBenchmark}, run as its own JVM so that
 * it does not share the service's JVM (its threads, heap and JIT) while it measures it.
 * Request <em>i</em> is sent at {@code start + i / rate} whatever earlier responses did,
 * and its latency counts from that scheduled time, so a service (or generator) that falls
 * behind shows in the figures (no coordinated omission). The mixes are interleaved in one
 * window, each request going to the next mix in turn.
 * <p>
 * Arguments: {@code planFile rate seconds warmupSeconds pauseSeconds outputFile}. The
 * plan file holds, per mix, a line {@code mix <name> <port> <bearer:true|false>} followed
 * by the paths it cycles through. The bearer token comes from the environment variable
 * {@code WARDEN_LOAD_TOKEN}, not the command line. Writes one JSON line per mix to the
 * output file.
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	public static void main(String[] args) throws Exception {
		List<Mix> mixes = plan(Path.of(args[0]));
		int rate = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		int warmup = Integer.parseInt(args[3]);
		int pause = Integer.parseInt(args[4]);
		Path output = Path.of(args[5]);
		String token = System.getenv("WARDEN_LOAD_TOKEN");
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		// Warm-up (not recorded): JIT, connection pools, PostgreSQL caches. Then a pause
		// so that no backlog of the warm-up runs into the measured window.
		run(client, token, mixes, rate, warmup);
		Thread.sleep(TimeUnit.SECONDS.toMillis(pause));
		Map<String, Recorder> recorders = run(client, token, mixes, rate, seconds);
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		List<String> lines = new ArrayList<>();
		recorders
			.forEach((name, recorder) -> lines.add(recorder.json(name, rate / (double) mixes.size(), seconds, load)));
		Files.write(output, lines);
		lines.forEach(System.out::println);
	}

	private static Map<String, Recorder> run(HttpClient client, String token, List<Mix> mixes, int rate, int seconds) {
		Map<String, Recorder> recorders = new LinkedHashMap<>();
		mixes.forEach((mix) -> recorders.put(mix.name(), new Recorder()));
		int total = rate * seconds;
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		int[] counters = new int[mixes.size()];
		List<CompletableFuture<?>> pending = new ArrayList<>(total);
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
		for (int i = 0; i < total; i++) {
			long scheduled = start + i * intervalNanos;
			long wait;
			while ((wait = scheduled - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			int m = i % mixes.size();
			Mix mix = mixes.get(m);
			Recorder recorder = recorders.get(mix.name());
			String path = mix.paths().get(counters[m]++ % mix.paths().size());
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mix.port() + path))
				.timeout(Duration.ofSeconds(10))
				.GET();
			if (mix.bearer()) {
				request.header("Authorization", "Bearer " + token);
			}
			try {
				pending.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
					.handle((response, failure) -> {
						long latency = System.nanoTime() - scheduled;
						boolean ok = failure == null && response.statusCode() / 100 == 2;
						Throwable cause = (failure != null && failure.getCause() != null) ? failure.getCause()
								: failure;
						recorder.record(latency, ok, (cause != null) ? cause.getClass().getSimpleName()
								: String.valueOf(response.statusCode()));
						return null;
					}));
			}
			catch (RuntimeException ex) {
				recorder.record(System.nanoTime() - scheduled, false, ex.getClass().getSimpleName());
			}
		}
		CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
		return recorders;
	}

	private static List<Mix> plan(Path file) throws IOException {
		List<Mix> mixes = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			if (line.startsWith("mix ")) {
				String[] parts = line.split(" ");
				mixes.add(new Mix(parts[1], Integer.parseInt(parts[2]), Boolean.parseBoolean(parts[3]),
						new ArrayList<>()));
			}
			else if (!line.isBlank()) {
				mixes.get(mixes.size() - 1).paths().add(line);
			}
		}
		return mixes;
	}

	private record Mix(String name, int port, boolean bearer, List<String> paths) {
	}

	private static final class Recorder {

		private final List<Long> latencies = new ArrayList<>();

		private final Map<String, Integer> errors = new LinkedHashMap<>();

		synchronized void record(long nanos, boolean ok, String outcome) {
			this.latencies.add(nanos);
			if (!ok) {
				this.errors.merge(outcome, 1, Integer::sum);
			}
		}

		synchronized String json(String name, double rate, int seconds, double load) {
			long[] sorted = this.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			int errorCount = this.errors.values().stream().mapToInt(Integer::intValue).sum();
			StringBuilder errorKinds = new StringBuilder("{");
			this.errors.forEach((kind, n) -> errorKinds.append((errorKinds.length() > 1) ? "," : "")
				.append('"')
				.append(kind)
				.append("\":")
				.append(n));
			errorKinds.append('}');
			return String.format(Locale.ROOT,
					"{\"benchmark\":\"load\",\"endpoint\":\"%s\",\"rate\":%.0f,\"seconds\":%d,\"requests\":%d,"
							+ "\"errors\":%d,\"errorKinds\":%s,\"p50Ms\":%.1f,\"p95Ms\":%.1f,\"p99Ms\":%.1f,\"maxMs\":%.1f,"
							+ "\"loadAverage1m\":%.2f}",
					name, rate, seconds, sorted.length, errorCount, errorKinds, percentile(sorted, 50),
					percentile(sorted, 95), percentile(sorted, 99),
					(sorted.length > 0) ? sorted[sorted.length - 1] / 1e6 : 0, load);
		}

		private static double percentile(long[] sorted, double p) {
			if (sorted.length == 0) {
				return 0;
			}
			int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
		}

	}

}
