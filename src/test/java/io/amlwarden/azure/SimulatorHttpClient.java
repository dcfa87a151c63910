package io.amlwarden.azure;

import java.net.MalformedURLException;
import java.net.URL;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.amlwarden.simulator.AzureSimulator;
import reactor.core.publisher.Mono;

/**
 * Test-only {@link HttpClient} that keeps the SDK on the real {@code https://} Azure URLs
 * but sends a <em>copy</em> of each request to the simulator's local port, naming the
 * original host in a header. The original request is never changed, so the SDK's
 * bearer-token and Key Vault challenge policies (which check the host) behave as against
 * Azure.
 */
public final class SimulatorHttpClient implements HttpClient {

	private final HttpClient delegate;

	private final int port;

	public SimulatorHttpClient(HttpClient delegate, int port) {
		this.delegate = delegate;
		this.port = port;
	}

	public static SimulatorHttpClient to(AzureSimulator simulator) {
		return new SimulatorHttpClient(HttpClient.createDefault(), simulator.port());
	}

	@Override
	public Mono<HttpResponse> send(HttpRequest request) {
		return this.delegate.send(redirect(request));
	}

	@Override
	public Mono<HttpResponse> send(HttpRequest request, Context context) {
		return this.delegate.send(redirect(request), context);
	}

	@Override
	public HttpResponse sendSync(HttpRequest request, Context context) {
		return this.delegate.sendSync(redirect(request), context);
	}

	private HttpRequest redirect(HttpRequest request) {
		URL original = request.getUrl();
		HttpRequest copy = request.copy();
		try {
			copy.setUrl(new URL("http", "127.0.0.1", this.port, original.getFile()));
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException(ex);
		}
		copy.setHeader(com.azure.core.http.HttpHeaderName.fromString(AzureSimulator.ORIGINAL_HOST), original.getHost());
		return copy;
	}

}
