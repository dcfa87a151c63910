package io.amlwarden.azure;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.AfterRetryPolicyProvider;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.amlwarden.simulator.AzureSimulator;
import reactor.core.publisher.Mono;

/**
 * Test-only: sends the requests of SDK clients that nobody can hand an {@code HttpClient}
 * to to the simulator. The Spring Cloud Azure Key Vault property source builds its
 * {@code SecretClient} inside an {@code EnvironmentPostProcessor}, before any bean
 * exists, so {@link SimulatorHttpClient} cannot be injected; azure-core adds this
 * provider's policy (registered in {@code META-INF/services}) to every pipeline, after
 * the retry and credential policies.
 * <p>
 * Only hosts registered through {@link #redirect} are touched; every other request passes
 * unchanged. As with {@link SimulatorHttpClient}, a <em>copy</em> goes to the simulator
 * with the original host in a header and the pipeline keeps the original request, so the
 * Key Vault challenge policy still verifies the challenge against the real
 * {@code https://<vault>.vault.azure.net} host.
 */
public final class SimulatorVaultRedirect implements AfterRetryPolicyProvider {

	private static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();

	/**
	 * Sends the requests for {@code host} to {@code simulator} until the returned handle
	 * is closed.
	 */
	public static AutoCloseable redirect(String host, AzureSimulator simulator) {
		String key = host.toLowerCase(Locale.ROOT);
		PORTS.put(key, simulator.port());
		return () -> PORTS.remove(key);
	}

	@Override
	public HttpPipelinePolicy create() {
		return new Redirect();
	}

	private static final class Redirect implements HttpPipelinePolicy {

		@Override
		public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
			HttpRequest original = context.getHttpRequest();
			Integer port = PORTS.get(original.getUrl().getHost().toLowerCase(Locale.ROOT));
			if (port == null) {
				return next.process();
			}
			context.setHttpRequest(copy(original, port));
			return next.process().map((response) -> {
				context.setHttpRequest(original);
				return response;
			}).doOnError((ex) -> context.setHttpRequest(original));
		}

		@Override
		public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
			HttpRequest original = context.getHttpRequest();
			Integer port = PORTS.get(original.getUrl().getHost().toLowerCase(Locale.ROOT));
			if (port == null) {
				return next.processSync();
			}
			context.setHttpRequest(copy(original, port));
			try {
				return next.processSync();
			}
			finally {
				context.setHttpRequest(original);
			}
		}

		private static HttpRequest copy(HttpRequest original, int port) {
			HttpRequest copy = original.copy();
			try {
				copy.setUrl(new URL("http", "127.0.0.1", port, original.getUrl().getFile()));
			}
			catch (MalformedURLException ex) {
				throw new IllegalArgumentException(ex);
			}
			copy.setHeader(HttpHeaderName.fromString(AzureSimulator.ORIGINAL_HOST), original.getUrl().getHost());
			return copy;
		}

	}

}
