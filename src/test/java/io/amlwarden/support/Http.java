package io.amlwarden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for integration tests: real sockets, real headers, no Spring test
 * magic between the test and the service.
 */
public final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public Http(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public Response get(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET(), headers);
	}

	public Response post(String path, String contentType, String body, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	public Response send(String method, String path, String contentType, String body, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	/**
	 * The bearer token header, followed by any further header names and values.
	 */
	public static String[] bearer(String token, String... more) {
		String[] headers = new String[2 + more.length];
		headers[0] = "Authorization";
		headers[1] = "Bearer " + token;
		System.arraycopy(more, 0, headers, 2, more.length);
		return headers;
	}

	private Response send(HttpRequest.Builder builder, String... headers) {
		if (headers.length > 0) {
			builder.headers(headers);
		}
		try {
			HttpResponse<String> response = this.client.send(builder.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A received response.
	 *
	 * @param raw the JDK response
	 */
	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

	}

}
