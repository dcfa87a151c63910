package io.amlwarden.azure;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Runs on every attempt (after the retry policy) and records what Azure said about its
 * throttling: request counts by service and status, 429s, and the last value of each
 * {@code x-ms-ratelimit-remaining-*} and Resource Graph {@code x-ms-user-quota-*} header.
 * Also feeds the {@link ScanMeter} of the scan the request belongs to.
 */
final class AzureRequestPolicy implements HttpPipelinePolicy {

	private final AzureApi service;

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> remaining = new ConcurrentHashMap<>();

	AzureRequestPolicy(AzureApi service, MeterRegistry registry) {
		this.service = service;
		this.registry = registry;
	}

	@Override
	public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
		return next.process().doOnNext((response) -> record(context, response));
	}

	@Override
	public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
		HttpResponse response = next.processSync();
		record(context, response);
		return response;
	}

	private void record(HttpPipelineCallContext context, HttpResponse response) {
		int status = response.getStatusCode();
		context.getData(ScanMeter.CONTEXT_KEY)
			.filter(ScanMeter.class::isInstance)
			.ifPresent((meter) -> ((ScanMeter) meter).recorded(this.service, status));
		Counter.builder("warden.azure.requests")
			.description("Requests sent to Azure, including retries")
			.tag("service", this.service.tag())
			.tag("status", Integer.toString(status))
			.register(this.registry)
			.increment();
		for (HttpHeader header : response.getHeaders()) {
			String name = header.getName().toLowerCase(Locale.ROOT);
			if (name.startsWith("x-ms-ratelimit-remaining-") || name.equals("x-ms-user-quota-remaining")) {
				gauge(name).set(parse(header.getValue()));
			}
		}
	}

	private AtomicLong gauge(String header) {
		return this.remaining.computeIfAbsent(header, (name) -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("warden.azure.ratelimit.remaining", value, AtomicLong::get)
				.description("Last remaining-quota value Azure reported")
				.tag("service", this.service.tag())
				.tag("header", name)
				.register(this.registry);
			return value;
		});
	}

	private static long parse(String value) {
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
