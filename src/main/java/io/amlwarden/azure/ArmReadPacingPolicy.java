package io.amlwarden.azure;

import java.time.Duration;
import java.util.Locale;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.amlwarden.inventory.ArmIds;
import reactor.core.publisher.Mono;

/**
 * Paces every ARM read attempt (after the retry policy, so retries are paced too) through
 * the subscription's {@link SubscriptionPacer} bucket, and feeds ARM's
 * {@code x-ms-ratelimit-remaining-subscription-reads} back into it. Writes and
 * tenant-level requests pass unpaced.
 */
final class ArmReadPacingPolicy implements HttpPipelinePolicy {

	private static final String REMAINING = "x-ms-ratelimit-remaining-subscription-reads";

	private static final String REMAINING_GLOBAL = "x-ms-ratelimit-remaining-subscription-global-reads";

	private final SubscriptionPacer pacer;

	ArmReadPacingPolicy(SubscriptionPacer pacer) {
		this.pacer = pacer;
	}

	@Override
	public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
		String subscription = pacedSubscription(context);
		if (subscription == null) {
			return next.process();
		}
		return Mono.defer(() -> {
			long wait = this.pacer.reserve(subscription);
			Mono<Long> delay = (wait > 0) ? Mono.delay(Duration.ofNanos(wait)) : Mono.just(0L);
			return delay.then(Mono.defer(() -> {
				this.pacer.sent(subscription);
				return next.process()
					.doOnNext((response) -> this.pacer.completed(subscription, remaining(response)))
					.doOnError((error) -> this.pacer.completed(subscription, null))
					.doOnCancel(() -> this.pacer.completed(subscription, null));
			}));
		});
	}

	@Override
	public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
		String subscription = pacedSubscription(context);
		if (subscription == null) {
			return next.processSync();
		}
		try {
			this.pacer.acquire(subscription);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw AzureCallException.interrupted();
		}
		Long remaining = null;
		try {
			HttpResponse response = next.processSync();
			remaining = remaining(response);
			return response;
		}
		finally {
			this.pacer.completed(subscription, remaining);
		}
	}

	private String pacedSubscription(HttpPipelineCallContext context) {
		if (!this.pacer.enabled()) {
			return null;
		}
		HttpMethod method = context.getHttpRequest().getHttpMethod();
		if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
			return null;
		}
		String path = context.getHttpRequest().getUrl().getPath().replaceAll("^/+", "/");
		return path.toLowerCase(Locale.ROOT).startsWith("/subscriptions/") ? ArmIds.subscriptionOf(path) : null;
	}

	private static Long remaining(HttpResponse response) {
		String value = response.getHeaderValue(com.azure.core.http.HttpHeaderName.fromString(REMAINING));
		if (value == null) {
			value = response.getHeaderValue(com.azure.core.http.HttpHeaderName.fromString(REMAINING_GLOBAL));
		}
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
